package io.eliot.tools;

import java.io.IOException;
import java.time.ZoneId;

/**
 * What one command ({@code tree}, {@code prettyprint}, {@code html}) does with the lines the {@link InputReader}
 * reads, writing to an {@link Output}.
 */
interface Command {

    /** Takes one line of input; {@code number} counts from 1 in each {@code source}. */
    void accept(String line, String source, long number);

    /** Called once every input has been read, to print what is still held back. */
    void finish();

    /**
     * The command named {@code name} ({@code tree}, {@code prettyprint} or {@code html}) for {@code
     * options}.
     *
     * @throws IOException with a message fit for the user when html's output file cannot be written
     */
    static Command create(String name, Options options, Output output, Problems problems) throws IOException {
        Times times = new Times(options.local ? ZoneId.systemDefault() : null);
        TaskFilter filter = new TaskFilter(options);
        return switch (name) {
            case "tree" -> new TreeCommand(options, times, filter, output, problems);
            case "prettyprint" -> new PrettyPrintCommand(options.compact, times, filter, output, problems);
            case "html" -> HtmlCommand.open(options, filter, output, problems);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
