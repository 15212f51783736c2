package io.eliot.core.parse;

import java.util.Objects;

/**
 * A line the parser could not use, and why: not JSON, not a JSON object, a missing or malformed
 * structural field, or a message that contradicts its task's tree (a second message at the same
 * task level, an end message of another action type). The line is skipped; parsing goes on.
 *
 * @param source where the line came from (a file name, {@code "-"} for standard input), or {@code
 *     ""} when the caller gave none
 * @param line the 1-based line number in {@code source}, or 0 when unknown
 * @param reason what is wrong, in a sentence fragment such as {@code "not JSON"}
 */
public record ParseProblem(String source, long line, String reason) {

    /** Checks that {@code source} and {@code reason} are not null. */
    public ParseProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code source:line: reason} (or {@code source: reason}), the form command-line tools print. */
    @Override
    public String toString() {
        String where = source.isEmpty() ? "" : source + ":";
        if (line > 0) {
            where += line + ":";
        }
        return where.isEmpty() ? reason : where + " " + reason;
    }
}
