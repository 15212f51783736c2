package io.eliot.tools;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.List;

/** Which tasks (for tree) or messages (for prettyprint) the options select. */
final class TaskFilter {

    private final Options options;
    private final Long startMicros;
    private final Long endMicros;

    TaskFilter(Options options) {
        this.options = options;
        this.startMicros = options.start == null ? null : micros(options.start);
        this.endMicros = options.end == null ? null : micros(options.end);
    }

    private static long micros(java.time.Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /** Whether the options select nothing out: every task and message passes. */
    boolean selectsAll() {
        return options.taskUuids.isEmpty() && startMicros == null && endMicros == null && options.queries.isEmpty();
    }

    /**
     * A task passes when its uuid is one of {@code -u}'s (if any), it began (its earliest message)
     * inside {@code [--start, --end)}, and each {@code --select} query matches one of its messages.
     */
    boolean accepts(ParsedTask task) {
        if (selectsAll()) {
            return true;
        }
        if (!options.taskUuids.isEmpty() && !options.taskUuids.contains(task.taskUuid())) {
            return false;
        }
        List<MessageRecord> messages = new ArrayList<>(task.messageCount());
        collect(task.root(), messages);
        if (startMicros != null || endMicros != null) {
            long began = Long.MAX_VALUE;
            for (MessageRecord m : messages) {
                began = Math.min(began, m.timestampMicros());
            }
            if (!inRange(began)) {
                return false;
            }
        }
        for (Query q : options.queries) {
            if (messages.stream().noneMatch(q::matches)) {
                return false;
            }
        }
        return true;
    }

    /** A message passes the same tests, applied to it alone. */
    boolean accepts(MessageRecord m) {
        if (!options.taskUuids.isEmpty() && !options.taskUuids.contains(m.taskUuid())) {
            return false;
        }
        if (!inRange(m.timestampMicros())) {
            return false;
        }
        for (Query q : options.queries) {
            if (!q.matches(m)) {
                return false;
            }
        }
        return true;
    }

    private boolean inRange(long micros) {
        return (startMicros == null || micros >= startMicros) && (endMicros == null || micros < endMicros);
    }

    private static void collect(TaskNode node, List<MessageRecord> out) {
        if (node instanceof ParsedMessage m) {
            out.add(m.message());
            return;
        }
        ParsedAction a = (ParsedAction) node;
        a.startMessage().ifPresent(out::add);
        for (TaskNode child : a.children()) {
            collect(child, out);
        }
        a.endMessage().ifPresent(out::add);
    }
}
