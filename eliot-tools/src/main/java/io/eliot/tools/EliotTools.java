package io.eliot.tools;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseProblem;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.record.MessageRecord;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The entry point of {@code eliot-tools.jar}: {@code java -jar eliot-tools.jar tree|prettyprint
 * [options] [FILE...]}. See {@link #USAGE} for the options and the exit codes.
 */
public final class EliotTools {

    /** Exit code: everything was read and printed. */
    public static final int OK = 0;
    /** Exit code: some input could not be read or some lines were not messages; the rest was printed. */
    public static final int INPUT_PROBLEM = 1;
    /** Exit code: the command line was wrong; nothing was read. */
    public static final int USAGE_ERROR = 2;

    /** The help text, printed by {@code --help}. */
    public static final String USAGE = """
            Usage: eliot-tools tree [OPTIONS] [FILE...]
                   eliot-tools tree [OPTIONS] --kafka-bootstrap HOST:PORT --topic TOPIC
                   eliot-tools prettyprint [OPTIONS] [FILE...]
                   eliot-tools prettyprint [OPTIONS] --kafka-bootstrap HOST:PORT --topic TOPIC
            (bin/eliot-tree and bin/eliot-prettyprint run these.)

            Reads Eliot JSON-lines logs from each FILE (plain or gzip-compressed), or from
            standard input when FILE is - or absent. Lines may be in any order and from
            several processes.

            Kafka: reads the records of TOPIC (one message each, as Eliot's Kafka destination
            writes them) from every partition, from the beginning up to the end of each
            partition when reading starts (with -f: on and on), without a consumer group.
            Tasks are assembled across partitions. Problems name TOPIC/PARTITION@OFFSET.
              --kafka-bootstrap HOST:PORT[,HOST:PORT...]   the cluster
              --topic TOPIC                                the topic
              --kafka-property NAME=VALUE   a Kafka consumer setting, e.g.
                                     security.protocol=SSL (may be given several times)

            tree: draws each task as a tree of its actions and messages, with status,
            timestamps, durations and fields; a task is printed as soon as it is complete,
            incomplete ones at the end with what is missing marked.
              -u, --task-uuid UUID   only this task (may be given several times)
              --select QUERY         only tasks with a message matching QUERY (several: all)
              --start TIME           only tasks that began at or after TIME (ISO 8601)
              --end TIME             only tasks that began before TIME (ISO 8601)
              -l, --field-limit N    cut field values at N characters or their first
                                     newline (default 100; 0: print them whole)
              --ascii                draw with ASCII characters only
              --color WHEN           always, never, or auto (default): on a terminal
              --utc                  timestamps in UTC (default)
              --local                timestamps in the local time zone
              -f, --follow           keep reading FILE (or the topic) as it grows, like tail -f

            prettyprint: prints each message as a block of its fields.
              -c, --compact          one line per message
              -u, --select, --start, --end, --utc, --local, -f as for tree, applied to
                                     each message

            QUERY: FIELD=VALUE, FIELD!=VALUE, FIELD~REGEX (the regular expression occurs in
            the value) or FIELD (the field is present). FIELD is a wire name such as
            action_type, message_type or action_status, any logged field, or a dotted path
            into nested objects (request.user). Values compare as text: strings as they are,
            other values in their JSON form. TIME: 2026-11-25T19:00:00Z, 2026-11-25T20:00+01:00,
            2026-11-25T19:00 (UTC) or 2026-11-25 (midnight UTC).

            Control characters and bidirectional controls in logged text (and in problems)
            are printed as escapes such as \\n or \\u001b, never sent to the terminal.

            Exit codes: 0 all input read; 1 a FILE or the topic could not be read (or a
            gzip FILE was cut short: the whole lines before the cut are printed) or some
            lines were not Eliot messages (each reported on standard error as FILE:LINE:
            reason, the rest printed); 2 bad command line.
            """;

    private EliotTools() {}

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        int code = run(Arrays.asList(args), System.in, stdout, System.err);
        System.exit(code);
    }

    /**
     * Runs a command line with the given streams and returns the exit code; never calls {@code
     * System.exit}. Output is UTF-8.
     */
    public static int run(List<String> args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        if (args.isEmpty()) {
            stderr.print(USAGE);
            return USAGE_ERROR;
        }
        String command = args.get(0);
        if (command.equals("-h") || command.equals("--help")) {
            return help(stdout);
        }
        if (!command.equals("tree") && !command.equals("prettyprint")) {
            report(stderr, "eliot-tools: unknown command " + command + "; the commands are tree and prettyprint");
            stderr.println("Try 'eliot-tools --help'.");
            return USAGE_ERROR;
        }
        String name = "eliot-" + command;
        Options options;
        try {
            options = Options.parse(command, args.subList(1, args.size()));
        } catch (UsageException e) {
            report(stderr, name + ": " + e.getMessage());
            stderr.println("Try '" + name + " --help'.");
            return USAGE_ERROR;
        }
        if (options.help) {
            return help(stdout);
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        int[] problems = {0};
        Consumer<ParseProblem> onProblem = p -> {
            problems[0]++;
            report(stderr, name + ": " + p);
        };
        Times times = new Times(options.local ? ZoneId.systemDefault() : null);
        TaskFilter filter = new TaskFilter(options);
        Output output = new Output(out);
        LineSink sink;
        Runnable finish;
        if (command.equals("tree")) {
            TreeRenderer renderer = new TreeRenderer(options.ascii, colors(options.color), options.fieldLimit, times);
            LogParser parser = new LogParser(
                    (ParsedTask task) -> {
                        if (filter.accepts(task)) {
                            renderer.render(task, output.buffer);
                            output.maybeFlush();
                        }
                    },
                    onProblem);
            sink = parser::acceptLine;
            finish = parser::finish;
        } else {
            MessageFormat format = new MessageFormat(times);
            boolean compact = options.compact;
            sink = (line, source, number) -> {
                MessageRecord m =
                        LogParser.readMessage(line, source, number, onProblem).orElse(null);
                if (m != null && filter.accepts(m)) {
                    if (compact) {
                        format.compact(m, output.buffer);
                    } else {
                        format.pretty(m, output.buffer);
                    }
                    output.maybeFlush();
                }
            };
            finish = () -> {};
        }
        try {
            if (options.kafkaBootstrap != null) {
                try {
                    KafkaLines.read(
                            options.kafkaBootstrap,
                            options.topic,
                            options.kafkaProperties,
                            options.follow,
                            sink::accept,
                            output::flush);
                } catch (IOException e) {
                    problems[0]++;
                    report(stderr, name + ": " + e.getMessage());
                }
            }
            for (String file : options.files) {
                String source = file;
                if (options.follow) {
                    follow(Path.of(file), sink, output);
                    continue;
                }
                try (LogLines lines = Inputs.open(file, stdin)) {
                    long number = 0;
                    for (String line = lines.next(); line != null; line = lines.next()) {
                        sink.accept(line, source, ++number);
                    }
                    String cut = lines.problem();
                    if (cut != null) {
                        problems[0]++;
                        report(stderr, name + ": " + file + ": " + cut);
                    }
                } catch (IOException e) {
                    problems[0]++;
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    report(stderr, name + ": " + (why.startsWith(file + ": ") ? why : file + ": cannot read: " + why));
                }
            }
            finish.run();
            output.flush();
        } catch (UncheckedIOException e) {
            // The reader of our output went away (e.g. `| head`): stop quietly.
            return problems[0] > 0 ? INPUT_PROBLEM : OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.flush();
        }
        return problems[0] > 0 ? INPUT_PROBLEM : OK;
    }

    private static void follow(Path file, LineSink sink, Output output) throws InterruptedException {
        String source = file.toString();
        try (FollowedLines lines = new FollowedLines(file, 200)) {
            long number = 0;
            while (true) {
                String line = lines.next(output::flush);
                sink.accept(line, source, ++number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line on standard error, its logged or user-given text escaped by {@link TerminalText}. */
    private static void report(PrintStream stderr, String line) {
        stderr.println(TerminalText.escape(line));
    }

    private static int help(OutputStream stdout) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        out.print(USAGE);
        out.flush();
        return OK;
    }

    /** Whether to colour: always, never, or on a terminal unless NO_COLOR is set or TERM is dumb. */
    private static boolean colors(Options.Color color) {
        if (color != Options.Color.AUTO) {
            return color == Options.Color.ALWAYS;
        }
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+: a console exists even when output is redirected; ask whether it is a terminal.
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    @FunctionalInterface
    private interface LineSink {
        void accept(String line, String source, long number);
    }

    /** Text waiting to be written, flushed in large pieces. */
    private static final class Output {
        final StringBuilder buffer = new StringBuilder(1 << 17);
        private final Writer out;

        Output(Writer out) {
            this.out = out;
        }

        void maybeFlush() {
            if (buffer.length() >= 1 << 16) {
                write();
            }
        }

        private void write() {
            try {
                out.append(buffer);
                buffer.setLength(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() {
            write();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
