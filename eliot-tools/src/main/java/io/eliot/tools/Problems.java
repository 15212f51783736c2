package io.eliot.tools;

import io.eliot.core.parse.ParseProblem;
import java.io.PrintStream;

/** Reports input problems on standard error, one line each, prefixed with the command's name, and counts them. */
final class Problems {

    private final String name;
    private final PrintStream stderr;
    private int count;

    /** Problems reported as {@code <name>: <problem>}, e.g. {@code eliot-tree: app.log:3: ...}. */
    Problems(String name, PrintStream stderr) {
        this.name = name;
        this.stderr = stderr;
    }

    /** A line that is not a usable message. */
    void report(ParseProblem problem) {
        report(problem.toString());
    }

    /** An input that could not be read, or was cut short. */
    void report(String problem) {
        count++;
        EliotTools.report(stderr, name + ": " + problem);
    }

    /** Whether any problem was reported. */
    boolean any() {
        return count > 0;
    }
}
