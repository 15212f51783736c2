package io.eliot.tools;

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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code eliot-tools.jar}: {@code java -jar eliot-tools.jar
 * tree|prettyprint|html [options] [FILE...]}. See {@link #USAGE} for the options and the exit codes.
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
                   eliot-tools html [OPTIONS] [-o OUT] [FILE...]
                   eliot-tools html [OPTIONS] [-o OUT] --kafka-bootstrap HOST:PORT --topic TOPIC
            (bin/eliot-tree, bin/eliot-prettyprint and bin/eliot-html run these.)

            Reads Eliot JSON-lines logs from each FILE (plain or gzip-compressed), or from
            standard input when FILE is - or absent. Lines may be in any order and from
            several processes. A FILE may also hold OpenTelemetry log records as OTLP JSON
            lines (an OpenTelemetry Collector's file exporter): the records eliot-opentelemetry
            wrote become the Eliot messages they stand for; other records are skipped.

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

            html: writes one self-contained HTML page (no network access; it opens from
            disk, offline) showing each task as a collapsible tree and a timeline, with
            search and filters in the page; incomplete tasks are included and marked. The
            page's title names the inputs.
              -o, --output OUT       write the page to the file OUT, replacing it only once
                                     the page is whole (a failed run, or one where no input
                                     could be read, leaves OUT as it was and no partial
                                     file); without -o, or with -o -, write it to standard
                                     output (refused when that is a terminal)
              -u, --select, --start, --end as for tree

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
            reason, the rest printed), or html's OUT could not be written to the end;
            2 bad command line, or html's OUT cannot be written (nothing is read).
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
        if (!command.equals("tree") && !command.equals("prettyprint") && !command.equals("html")) {
            report(stderr, "eliot-tools: unknown command " + command + "; the commands are tree, prettyprint and html");
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
        Output output = new Output(out);
        Problems problems = new Problems(name, stderr);
        if (command.equals("html") && options.output == null && isProcessStdout(stdout) && TreeCommand.onTerminal()) {
            report(
                    stderr,
                    name + ": standard output is a terminal; write the page to a file with -o FILE"
                            + " (or print it anyway with -o -)");
            return USAGE_ERROR;
        }
        Command run;
        try {
            run = Command.create(command, options, output, problems);
        } catch (IOException e) {
            report(stderr, name + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        try {
            new InputReader(options, stdin, output, problems).readInto(run);
            run.finish();
            output.flush();
        } catch (UncheckedIOException e) {
            // The reader of our output went away (e.g. `| head`): stop quietly.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.flush();
        }
        return problems.any() ? INPUT_PROBLEM : OK;
    }

    /** One line on standard error, its logged or user-given text escaped by {@link TerminalText}. */
    static void report(PrintStream stderr, String line) {
        stderr.println(TerminalText.escape(line));
    }

    /** Whether {@code stdout} writes to this process's standard output (not a test's buffer). */
    private static boolean isProcessStdout(OutputStream stdout) {
        try {
            return stdout instanceof FileOutputStream file && file.getFD() == FileDescriptor.out;
        } catch (IOException e) {
            return false;
        }
    }

    private static int help(OutputStream stdout) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        out.print(USAGE);
        out.flush();
        return OK;
    }
}
