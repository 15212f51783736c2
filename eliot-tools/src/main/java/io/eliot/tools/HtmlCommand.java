package io.eliot.tools;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.HtmlReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code html}: rebuilds the tasks as {@code tree} does and writes each one that passes the filter
 * into one self-contained page ({@link HtmlReport}) as soon as it is complete, incomplete ones at
 * the end. With {@code -o FILE} the page is written under a temporary name beside FILE and moved
 * into place once whole, so a failed run leaves no partial page (and an existing FILE as it was);
 * otherwise it goes to standard output. When there were problems and no task was read, FILE is
 * not written at all.
 */
final class HtmlCommand implements Command {

    /** At most this many input names in the page's title; the rest are counted. */
    private static final int TITLE_NAMES = 5;

    private final LogParser parser;
    private final Problems problems;
    private final Path target;
    private final Path temp;
    private HtmlReport report;
    private long added;

    private HtmlCommand(TaskFilter filter, Problems problems, Path target, Path temp, HtmlReport report) {
        this.problems = problems;
        this.target = target;
        this.temp = temp;
        this.report = report;
        this.parser = new LogParser(
                task -> {
                    if (filter.accepts(task)) {
                        add(task);
                    }
                },
                problems::report);
    }

    /**
     * The command writing to {@code -o FILE}, or to {@code output} (standard output) without one or
     * with {@code -o -}. The page's head is written at once.
     *
     * @throws IOException with a message fit for the user when FILE cannot be written (nothing is left
     *     behind)
     */
    static HtmlCommand open(Options options, TaskFilter filter, Output output, Problems problems) throws IOException {
        String title = title(options);
        if (options.output == null || options.output.equals("-")) {
            return new HtmlCommand(filter, problems, null, null, new HtmlReport(new OutputWriter(output), title));
        }
        Path target = Path.of(options.output);
        for (String input : options.files) {
            if (!input.equals("-") && sameFile(target, Path.of(input))) {
                throw new IOException(options.output + ": cannot write: it is one of the inputs");
            }
        }
        Path temp = createTemp(options.output, target);
        try {
            Writer out = new BufferedWriter(
                    new OutputStreamWriter(
                            Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8),
                    1 << 16);
            return new HtmlCommand(filter, problems, target, temp, new HtmlReport(out, title));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw new IOException(options.output + ": cannot write: " + reason(e), e);
        }
    }

    @Override
    public void accept(String line, String source, long number) {
        parser.acceptLine(line, source, number);
    }

    @Override
    public void finish() {
        parser.finish();
        if (report == null) {
            return;
        }
        if (target != null && added == 0 && problems.any()) {
            // every input failed: an empty page would only hide that (or replace a good one)
            abandon();
            problems.report(target + ": not written: no task could be read");
            return;
        }
        try {
            report.close();
            report = null;
            if (target != null) {
                moveIntoPlace();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void add(ParsedTask task) {
        if (report == null) {
            return;
        }
        try {
            report.add(task);
            added++;
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Writing the page failed: report it once and leave nothing behind. */
    private void failed(IOException e) {
        if (target == null) {
            throw new UncheckedIOException(e);
        }
        problems.report(target + ": cannot write: " + reason(e));
        abandon();
    }

    /** Closes the page and deletes it: {@code target} stays as it was. */
    private void abandon() {
        if (report != null) {
            try {
                report.close();
            } catch (IOException | RuntimeException ignored) {
                // the page is abandoned anyway
            }
            report = null;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // deleteOnExit still holds it
        }
    }

    private void moveIntoPlace() throws IOException {
        if (Files.exists(target)) {
            try {
                // a page written over an older one keeps its permissions, as `>` would
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (IOException | UnsupportedOperationException ignored) {
                // then it gets a new file's
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * An empty file beside {@code target}, named after it ({@code .out.html.1a2b3c.tmp}), created
     * with the permissions a new file gets and deleted at exit unless moved.
     */
    private static Path createTemp(String name, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(name + ": cannot write: is a directory");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new IOException(name + ": cannot write: permission denied");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException(name + ": cannot write: no such directory " + dir);
        }
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            Path temp = dir.resolve("." + target.getFileName() + "." + suffix + ".tmp");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                temp.toFile().deleteOnExit();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new IOException(name + ": cannot write: " + reason(e), e);
                }
            } catch (IOException e) {
                throw new IOException(name + ": cannot write: " + reason(e), e);
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The page's title: the input names (the first few, then how many more), or the topic. */
    static String title(Options options) {
        if (options.kafkaBootstrap != null) {
            return "Kafka topic " + options.topic;
        }
        List<String> names = new ArrayList<>();
        for (String file : options.files) {
            names.add(file.equals("-") ? "standard input" : file);
        }
        if (names.size() <= TITLE_NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, TITLE_NAMES)) + " and " + (names.size() - TITLE_NAMES) + " more";
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Standard output as a {@link Writer} for the page: text goes into {@link Output}'s buffer. */
    private static final class OutputWriter extends Writer {

        private final Output output;

        OutputWriter(Output output) {
            this.output = output;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            output.buffer().append(chars, offset, length);
            output.maybeFlush();
        }

        @Override
        public void write(String text, int offset, int length) {
            output.buffer().append(text, offset, offset + length);
            output.maybeFlush();
        }

        @Override
        public void flush() {
            output.flush();
        }

        @Override
        public void close() {
            output.flush();
        }
    }
}
