package io.eliot.tools;

import io.eliot.core.record.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * eliot-prettyprint's two forms of one message, after Python Eliot's {@code pretty_format} and
 * {@code compact_format}: first {@code action_type}, {@code message_type} and {@code
 * action_status}, then the other fields sorted by name.
 */
final class MessageFormat {

    private final Times times;

    MessageFormat(Times times) {
        this.times = times;
    }

    /**
     * A block: {@code <task_uuid> -> /1/2}, the ISO 8601 timestamp, then one {@code "  name:
     * value"} line per field (strings as they are, other values as JSON; the lines of a multi-line
     * value after the first are indented under it behind a {@code |}), and a blank line. Logged
     * text is escaped by {@link TerminalText}.
     */
    void pretty(MessageRecord m, StringBuilder out) {
        TerminalText.append(out, m.taskUuid())
                .append(" -> ")
                .append(m.taskLevel().toPath())
                .append('\n');
        out.append(times.format(m.timestampMicros(), 'T', true)).append('\n');
        for (Map.Entry<String, Object> e : ordered(m).entrySet()) {
            String key = TerminalText.escape(e.getKey());
            String text = Values.text(e.getValue());
            out.append("  ").append(key).append(": ");
            int from = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
                TerminalText.append(out, text, from, nl).append('\n');
                out.append(" ".repeat(2 + key.codePointCount(0, key.length())))
                        .append("| "); // as Python: len() counts code points
                from = nl + 1;
            }
            TerminalText.append(out, text, from, text.length()).append('\n');
        }
        out.append('\n');
    }

    /** One line: {@code <task_uuid>/1/2 <timestamp> name=<JSON value> ...}, escaped by {@link TerminalText}. */
    void compact(MessageRecord m, StringBuilder out) {
        TerminalText.append(out, m.taskUuid()).append(m.taskLevel().toPath()).append(' ');
        out.append(times.format(m.timestampMicros(), 'T', true));
        for (Map.Entry<String, Object> e : ordered(m).entrySet()) {
            TerminalText.append(out.append(' '), e.getKey()).append('=');
            TerminalText.append(out, Values.json(e.getValue()));
        }
        out.append('\n');
    }

    private static Map<String, Object> ordered(MessageRecord m) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        if (m.isAction()) {
            ordered.put(MessageRecord.ACTION_TYPE, m.actionType());
        }
        if (m.messageType() != null) {
            ordered.put(MessageRecord.MESSAGE_TYPE, m.messageType());
        } else if (m.fields().containsKey(MessageRecord.MESSAGE_TYPE)) {
            ordered.put(MessageRecord.MESSAGE_TYPE, m.fields().get(MessageRecord.MESSAGE_TYPE));
        }
        if (m.isAction()) {
            ordered.put(MessageRecord.ACTION_STATUS, m.actionStatus().wireName());
        }
        Map<String, Object> rest = new TreeMap<>(m.globalFields());
        rest.putAll(m.fields());
        rest.remove(MessageRecord.MESSAGE_TYPE);
        ordered.putAll(rest);
        return ordered;
    }
}
