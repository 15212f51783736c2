package io.eliot.tools;

import io.eliot.core.parse.LogParser;
import java.lang.reflect.Method;

/**
 * {@code tree}: rebuilds the tasks with eliot-core's {@link LogParser} and draws each one that
 * passes the filter as soon as it is complete; incomplete tasks at the end.
 */
final class TreeCommand implements Command {

    private final LogParser parser;

    TreeCommand(Options options, Times times, TaskFilter filter, Output output, Problems problems) {
        TreeRenderer renderer = new TreeRenderer(options.ascii, colors(options.color), options.fieldLimit, times);
        this.parser = new LogParser(
                task -> {
                    if (filter.accepts(task)) {
                        renderer.render(task, output.buffer());
                        output.maybeFlush();
                    }
                },
                problems::report);
    }

    @Override
    public void accept(String line, String source, long number) {
        parser.acceptLine(line, source, number);
    }

    @Override
    public void finish() {
        parser.finish();
    }

    /** Whether to colour: always, never, or on a terminal unless NO_COLOR is set or TERM is dumb. */
    private static boolean colors(Options.Color color) {
        if (color != Options.Color.AUTO) {
            return color == Options.Color.ALWAYS;
        }
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        return onTerminal();
    }

    /** Whether this process talks to a terminal: its standard input and output are one (as {@link System#console()} tells). */
    static boolean onTerminal() {
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
}
