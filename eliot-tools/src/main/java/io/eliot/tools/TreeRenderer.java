package io.eliot.tools;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws a task as eliot-tree does: the task uuid, then one node per message. An action's node is
 * its start message; below it come the start fields, the messages and actions inside, and last the
 * end message with its own fields. What the log lost is marked in the tree. Logged text is
 * escaped by {@link TerminalText}; only the lines of a whole multi-line value ({@code -l 0}) are
 * drawn on lines of their own, under the tree.
 */
final class TreeRenderer {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31;1m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";

    private final String branch;
    private final String last;
    private final String pipe;
    private final String space = "    ";
    private final String arrow;
    private final String hourglass;
    private final String ellipsis;
    private final int fieldLimit;
    private final boolean color;
    private final Times times;

    TreeRenderer(boolean ascii, boolean color, int fieldLimit, Times times) {
        this.branch = ascii ? "|-- " : "├── ";
        this.last = ascii ? "`-- " : "└── ";
        this.pipe = ascii ? "|   " : "│   ";
        this.arrow = ascii ? "=>" : "⇒";
        this.hourglass = ascii ? "~" : "⧖";
        this.ellipsis = ascii ? "..." : "…";
        this.color = color;
        this.fieldLimit = fieldLimit;
        this.times = times;
    }

    /** Appends the task's tree and a blank line. */
    void render(ParsedTask task, StringBuilder out) {
        paint(out, BOLD, TerminalText.escape(task.taskUuid())).append('\n');
        node(task.root(), "", true, out);
        out.append('\n');
    }

    private void node(TaskNode node, String prefix, boolean isLast, StringBuilder out) {
        if (node instanceof ParsedMessage m) {
            message(m.message(), prefix, isLast, out);
        } else {
            action((ParsedAction) node, prefix, isLast, out);
        }
    }

    private void message(MessageRecord m, String prefix, boolean isLast, StringBuilder out) {
        out.append(prefix).append(isLast ? last : branch);
        if (m.type() == null) {
            out.append("(no type)");
        } else {
            TerminalText.append(out, m.type());
        }
        out.append('/');
        level(m.taskLevel(), out).append(' ');
        paint(out, DIM, times.format(m.timestampMicros(), ' ', false)).append('\n');
        fields(m.fields(), prefix + (isLast ? space : pipe), out);
    }

    private void action(ParsedAction a, String prefix, boolean isLast, StringBuilder out) {
        boolean failed = a.status().orElse(null) == ActionStatus.FAILED;
        out.append(prefix).append(isLast ? last : branch);
        String type = a.actionType() == null ? "(unknown action)" : TerminalText.escape(a.actionType());
        MessageRecord start = a.startMessage().orElse(null);
        MessageRecord end = a.endMessage().orElse(null);
        String inner = prefix + (isLast ? space : pipe);
        if (start != null) {
            StringBuilder header = new StringBuilder(64).append(type).append('/');
            level(start.taskLevel(), header).append(' ').append(arrow).append(' ');
            header.append("started");
            header.append(' ').append(times.format(start.timestampMicros(), ' ', false));
            a.durationMicros()
                    .ifPresent(d ->
                            header.append(' ').append(hourglass).append(' ').append(Times.duration(d)));
            paint(out, failed ? RED : null, header.toString()).append('\n');
        } else {
            StringBuilder header = new StringBuilder(64).append(type).append('/');
            level(a.taskLevel().child(1), header).append(' ').append(arrow).append(' ');
            out.append(header);
            paint(out, YELLOW, "(start message missing)").append('\n');
        }
        List<TaskLevel> missing = a.missingChildLevels();
        int items = (start == null ? 0 : start.fields().size()) + a.children().size() + (missing.isEmpty() ? 0 : 1) + 1;
        int done = 0;
        if (start != null) {
            done = fields(start.fields(), inner, items, out);
        }
        for (TaskNode child : a.children()) {
            node(child, inner, ++done == items, out);
        }
        if (!missing.isEmpty()) {
            out.append(inner).append(++done == items ? last : branch);
            StringBuilder text = new StringBuilder("(messages missing at ");
            for (int i = 0; i < missing.size(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                level(missing.get(i), text);
            }
            paint(out, YELLOW, text.append(')').toString()).append('\n');
        }
        if (end != null) {
            out.append(inner).append(last);
            StringBuilder header = new StringBuilder(64).append(type).append('/');
            level(end.taskLevel(), header).append(' ').append(arrow).append(' ');
            if (failed) {
                header.append(end.actionStatus().wireName())
                        .append(' ')
                        .append(times.format(end.timestampMicros(), ' ', false));
                paint(out, RED, header.toString()).append('\n');
            } else {
                out.append(header);
                paint(out, GREEN, end.actionStatus().wireName());
                out.append(' ');
                paint(out, DIM, times.format(end.timestampMicros(), ' ', false)).append('\n');
            }
            fields(end.fields(), inner + space, out);
        } else {
            out.append(inner).append(last);
            paint(out, YELLOW, "(end message missing)").append('\n');
        }
    }

    private void fields(Map<String, Object> fields, String prefix, StringBuilder out) {
        fields(fields, prefix, fields.size(), out);
    }

    /** Renders the fields as the first of {@code items} siblings; returns how many it drew. */
    private int fields(Map<String, Object> fields, String prefix, int items, StringBuilder out) {
        if (fields.isEmpty()) {
            return 0;
        }
        int done = 0;
        for (Map.Entry<String, Object> e : sorted(fields).entrySet()) {
            value(e.getKey(), e.getValue(), prefix, ++done == items, out);
        }
        return done;
    }

    private static Map<String, Object> sorted(Map<String, Object> fields) {
        return fields.size() == 1 ? fields : new TreeMap<>(fields);
    }

    private void value(String key, Object value, String prefix, boolean isLast, StringBuilder out) {
        TerminalText.append(out.append(prefix).append(isLast ? last : branch), key)
                .append(':');
        String inner = prefix + (isLast ? space : pipe);
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            Map<String, Object> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), v));
            int done = 0;
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                value(e.getKey(), e.getValue(), inner, ++done == entries.size(), out);
            }
            return;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            for (int i = 0; i < list.size(); i++) {
                value(Integer.toString(i), list.get(i), inner, i == list.size() - 1, out);
            }
            return;
        }
        String text = Values.text(value);
        out.append(' ');
        if (fieldLimit > 0) {
            // The first fieldLimit characters (code points, so a pair of surrogates stays whole), up
            // to the first newline.
            int newline = text.indexOf('\n');
            int cut = newline >= 0 ? newline : text.length();
            if (text.codePointCount(0, cut) > fieldLimit) {
                cut = text.offsetByCodePoints(0, fieldLimit);
            }
            if (text.length() > cut) {
                TerminalText.append(out, text, 0, cut).append(ellipsis).append('\n');
                return;
            }
            TerminalText.append(out, text).append('\n');
            return;
        }
        // Whole values: each line of a multi-line value (a traceback) is drawn under the tree.
        int from = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            TerminalText.append(out, text, from, nl).append('\n').append(inner);
            from = nl + 1;
        }
        TerminalText.append(out, text, from, text.length()).append('\n');
    }

    private static StringBuilder level(TaskLevel level, StringBuilder out) {
        for (int i = 0; i < level.depth(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(level.get(i));
        }
        return out;
    }

    private StringBuilder paint(StringBuilder out, String style, String text) {
        if (color && style != null) {
            return out.append(style).append(text).append(RESET);
        }
        return out.append(text);
    }
}
