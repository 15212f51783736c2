package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A real child JVM, stopped with SIGTERM or SIGKILL while it logs. */
class ShutdownFlushTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void sigtermWritesEveryMessageLoggedBeforeTheSignal() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = startChild("async-hourly", log);
        long lastReported = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child's report").startsWith("logged ");
            lastReported = Long.parseLong(line.substring("logged ".length()));
            assertThat(lastReported)
                    .as("the child logged its first 100,000 messages")
                    .isGreaterThanOrEqualTo(100_000);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child exits after SIGTERM")
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }

        long inFile = wholeLinesInOrder(log, false);
        assertThat(inFile - 1)
                .as("every message logged before the signal is in the file (flushed only by the shutdown hook)")
                .isGreaterThanOrEqualTo(lastReported);
    }

    @Test
    void sigkillLosesNoMessageAcceptedWithTheDefaultFlushAfterEveryMessage() throws Exception {
        Path log = dir.resolve("killed.log");
        Process child = startChild("sync", log, "0");
        Progress progress = Progress.of(child);
        try {
            progress.awaitAtLeast(5_000);
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing flushes on the way out
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long accepted = progress.finish() + 1;

        long inFile = wholeLinesInOrder(log, true);
        assertThat(inFile)
                .as("every message Message.log had returned from before the kill is in the file")
                .isGreaterThanOrEqualTo(accepted);
    }

    @Test
    void sigkillLosesAtMostTheLastFlushIntervalWithAnIntervalFlush() throws Exception {
        long intervalMillis = 100;
        long slackMillis = 1_000; // the flusher thread may be scheduled late on a busy machine
        Path log = dir.resolve("interval.log");
        Process child = startChild("sync", log, Long.toString(intervalMillis));
        Progress progress = Progress.of(child);
        long killedAt;
        try {
            progress.awaitAtLeast(1);
            long started = System.nanoTime();
            progress.awaitAtLeast(1_000);
            while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(3 * slackMillis)) {
                Thread.sleep(10); // a run long enough for many flushes to have happened
            }
            killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        progress.finish();
        long flushedBy = killedAt - TimeUnit.MILLISECONDS.toNanos(intervalMillis + slackMillis);
        long mustBeInFile = progress.lastAcceptedBefore(flushedBy) + 1;
        assertThat(mustBeInFile)
                .as("messages accepted more than an interval (and the slack) before the kill")
                .isGreaterThan(500);

        long inFile = wholeLinesInOrder(log, true);
        assertThat(inFile)
                .as("at most the messages of the last flush interval are lost")
                .isGreaterThanOrEqualTo(mustBeInFile);
    }

    /**
     * Checks that the file holds messages 0, 1, 2, ... as whole lines in order, except possibly a
     * last line cut by a kill ({@code cutAllowed}); returns how many whole lines it holds.
     */
    private static long wholeLinesInOrder(Path log, boolean cutAllowed) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        long expected = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (cutAllowed && i == lines.size() - 1 && !line.endsWith("}")) {
                break; // the write was cut by the kill: the parser and tools skip such a line
            }
            assertThat(JSON.readTree(line).get("n").asLong())
                    .as("line %s is whole and in order", i + 1)
                    .isEqualTo(expected++);
        }
        return expected;
    }

    /**
     * The numbers a child reports on stdout once {@code Message.log} has returned, each with the
     * time it was read here (no earlier than the call returned in the child).
     */
    private static final class Progress {
        private final ConcurrentSkipListMap<Long, Long> acceptedAt = new ConcurrentSkipListMap<>();
        private final Thread reader;
        private volatile long last = -1;
        private volatile String problem;

        private Progress(Process child) {
            reader = new Thread(
                    () -> {
                        try (BufferedReader out = new BufferedReader(
                                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                long n = Long.parseLong(line);
                                if (n != last + 1) {
                                    problem = "report " + n + " came after " + last;
                                    return;
                                }
                                acceptedAt.put(System.nanoTime(), n);
                                last = n;
                            }
                        } catch (IOException | NumberFormatException e) {
                            // a report cut by the kill: the numbers before it count
                        }
                    },
                    "child-progress");
            reader.setDaemon(true);
            reader.start();
        }

        static Progress of(Process child) {
            return new Progress(child);
        }

        void awaitAtLeast(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (last + 1 < count) {
                assertThat(reader.isAlive()).as("the child is still reporting").isTrue();
                assertThat(System.nanoTime() - deadline)
                        .as("the child reports %s messages", count)
                        .isNegative();
                Thread.sleep(1);
            }
        }

        /** Reads the rest after the child has died; returns the last number reported. */
        long finish() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(reader.isAlive()).as("the child's stdout ends").isFalse();
            assertThat(problem).as("the child's reports").isNull();
            return last;
        }

        /** The last number reported at or before {@code nanoTime}; -1 if none. */
        long lastAcceptedBefore(long nanoTime) {
            var entry = acceptedAt.floorEntry(nanoTime);
            return entry == null ? -1 : entry.getValue();
        }
    }

    /** A JVM running {@link ShutdownChild} on this test's class path, its stdout piped to this test. */
    private static Process startChild(String mode, Path log, String... more) throws IOException {
        return new ProcessBuilder(childCommand(mode, log, more))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The command line of a JVM running {@link ShutdownChild} on this test's class path. */
    static List<String> childCommand(String mode, Path log, String... more) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ShutdownChild.class.getName(),
                mode,
                log.toString()));
        command.addAll(List.of(more));
        return command;
    }
}
