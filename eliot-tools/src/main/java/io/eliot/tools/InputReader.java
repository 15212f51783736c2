package io.eliot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Feeds a {@link Command} the lines of its inputs, the same for every command: the Kafka topic when
 * one is given, then each FILE in turn (plain or gzip, {@code -} for standard input), or with
 * {@code --follow} each FILE as it grows. Lines of OTLP JSON log records (an OpenTelemetry
 * Collector's file exporter) become the Eliot messages they stand for ({@link OtlpLogLines}). An input that cannot be read is a problem; the others are
 * still read.
 */
final class InputReader {

    private final Options options;
    private final InputStream stdin;
    private final Output output;
    private final Problems problems;

    InputReader(Options options, InputStream stdin, Output output, Problems problems) {
        this.options = options;
        this.stdin = stdin;
        this.output = output;
        this.problems = problems;
    }

    /**
     * Reads every input into {@code command}. With {@code --follow} it returns only when
     * interrupted.
     *
     * @throws UncheckedIOException when the output cannot be written
     */
    void readInto(Command target) throws InterruptedException {
        Command command = new OtlpLogLines(target);
        if (options.kafkaBootstrap != null) {
            readTopic(command);
        }
        for (String file : options.files) {
            if (options.follow) {
                follow(Path.of(file), command);
            } else {
                readFile(file, command);
            }
        }
    }

    private void readTopic(Command command) {
        try {
            KafkaLines.read(
                    options.kafkaBootstrap,
                    options.topic,
                    options.kafkaProperties,
                    options.follow,
                    command::accept,
                    output::flush);
        } catch (IOException e) {
            problems.report(e.getMessage());
        }
    }

    private void readFile(String file, Command command) {
        try (LogLines lines = Inputs.open(file, stdin)) {
            long number = 0;
            for (String line = lines.next(); line != null; line = lines.next()) {
                command.accept(line, file, ++number);
            }
            String cut = lines.problem();
            if (cut != null) {
                problems.report(file + ": " + cut);
            }
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            problems.report(why.startsWith(file + ": ") ? why : file + ": cannot read: " + why);
        }
    }

    private void follow(Path file, Command command) throws InterruptedException {
        String source = file.toString();
        try (FollowedLines lines = new FollowedLines(file, 200)) {
            long number = 0;
            while (true) {
                String line = lines.next(output::flush);
                command.accept(line, source, ++number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
