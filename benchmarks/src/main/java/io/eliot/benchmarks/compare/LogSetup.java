package io.eliot.benchmarks.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One way of logging {@link Work} to a real file in a temporary directory, set up the way its users
 * would: Eliot (woven, by hand, Spring AOP), logback, log4j2, jcabi-aspects, or nothing (baseline).
 * {@link #close()} drains what was accepted and closes the file, then checks that every line issued
 * was written: a benchmark that lost lines fails.
 */
public abstract class LogSetup implements AutoCloseable {

    /** The names of the ways to log, as they appear in benchmark names. */
    public static final String BASELINE = "baseline",
            WOVEN = "woven",
            BYHAND = "byhand",
            SPRINGAOP = "springaop",
            LOGBACK = "logback",
            LOG4J2 = "log4j2",
            JCABI = "jcabi";

    /** Queue capacity of every asynchronous setup, so that they are compared at equal buffering. */
    public static final int QUEUE_CAPACITY = 8_192;

    /** File buffer of every setup, in bytes. */
    public static final int FILE_BUFFER = 64 * 1024;

    private final Path dir;
    private final Path file;

    protected LogSetup(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("bench.log");
    }

    /** Starts logging the way {@code name} says, into a new temporary directory. */
    public static LogSetup start(String name) {
        Path dir;
        try {
            dir = Files.createTempDirectory("eliot-compare-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch (name) {
            case BASELINE -> new Baseline(dir);
            case WOVEN -> EliotSetup.start(dir, new EliotWork.Woven());
            case BYHAND -> EliotSetup.start(dir, new EliotWork.ByHand());
            case SPRINGAOP -> SpringAopSetup.start(dir);
            case LOGBACK -> LogbackSetup.start(dir, new LogbackWork());
            case JCABI -> LogbackSetup.start(dir, new JcabiWork());
            case LOG4J2 -> Log4j2Setup.start(dir);
            default -> throw new IllegalArgumentException("no such setup: " + name);
        };
    }

    /** The work, logged this way. */
    public abstract Work work();

    /** Lines written per call of {@link #work()}. */
    public long linesPerCall() {
        return 2;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** Writes everything accepted so far and closes the file. */
    protected abstract void stop() throws Exception;

    /**
     * Stops, counts the lines in the file, deletes the directory, and returns the count.
     *
     * @throws IllegalStateException if the file does not hold exactly {@code expectedLines} lines
     */
    public long closeAndCheck(long expectedLines) throws Exception {
        stop();
        long lines = Files.exists(file) ? countLines(file) : 0;
        if (lines != expectedLines && Boolean.getBoolean("bench.keepLostFile")) {
            System.err.println("keeping " + file);
        } else {
            deleteDirectory();
        }
        if (lines != expectedLines) {
            throw new IllegalStateException("LINES LOST: " + getClass().getSimpleName() + " issued " + expectedLines
                    + " lines but the file holds " + lines);
        }
        return lines;
    }

    @Override
    public void close() throws Exception {
        stop();
        deleteDirectory();
    }

    private void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The number of {@code \n} in {@code file}. */
    public static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** No logging at all. */
    private static final class Baseline extends LogSetup {
        private final Work work = new Work.Plain();

        Baseline(Path dir) {
            super(dir);
        }

        @Override
        public Work work() {
            return work;
        }

        @Override
        public long linesPerCall() {
            return 0;
        }

        @Override
        protected void stop() {}
    }
}
