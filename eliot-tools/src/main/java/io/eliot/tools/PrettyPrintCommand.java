package io.eliot.tools;

import io.eliot.core.parse.LogParser;
import io.eliot.core.record.MessageRecord;

/** {@code prettyprint}: prints each message that passes the filter as it is read, as a block or one line. */
final class PrettyPrintCommand implements Command {

    private final boolean compact;
    private final MessageFormat format;
    private final TaskFilter filter;
    private final Output output;
    private final Problems problems;

    PrettyPrintCommand(boolean compact, Times times, TaskFilter filter, Output output, Problems problems) {
        this.compact = compact;
        this.format = new MessageFormat(times);
        this.filter = filter;
        this.output = output;
        this.problems = problems;
    }

    @Override
    public void accept(String line, String source, long number) {
        MessageRecord m =
                LogParser.readMessage(line, source, number, problems::report).orElse(null);
        if (m != null && filter.accepts(m)) {
            if (compact) {
                format.compact(m, output.buffer());
            } else {
                format.pretty(m, output.buffer());
            }
            output.maybeFlush();
        }
    }

    @Override
    public void finish() {
        // every message was printed as it was read
    }
}
