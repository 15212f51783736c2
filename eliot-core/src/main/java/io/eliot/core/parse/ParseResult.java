package io.eliot.core.parse;

import java.util.List;

/**
 * Everything read from a whole log at once: the tasks, completed ones in the order they completed,
 * then incomplete ones in the order their first line appeared; and the lines that were skipped.
 *
 * @param tasks the tasks found; unmodifiable
 * @param problems the lines that could not be used, in input order; unmodifiable
 */
public record ParseResult(List<ParsedTask> tasks, List<ParseProblem> problems) {

    /** Copies both lists. */
    public ParseResult {
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
    }
}
