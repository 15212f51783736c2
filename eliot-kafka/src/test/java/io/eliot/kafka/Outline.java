package io.eliot.kafka;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.MessageRecord;
import java.util.List;

/**
 * A task tree as indented text: each action with its status, each message with its type, plus
 * chosen fields. Shared through this module's test jar.
 */
public final class Outline {

    private Outline() {}

    public static String of(TaskNode node, List<String> fields) {
        StringBuilder out = new StringBuilder();
        append(node, fields, 0, out);
        return out.toString();
    }

    private static void append(TaskNode node, List<String> fields, int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
        if (node instanceof ParsedAction action) {
            out.append(action.actionType())
                    .append(' ')
                    .append(action.status().map(s -> s.wireName()).orElse("?"));
            action.startMessage().ifPresent(m -> appendFields(m, fields, out));
            out.append('\n');
            for (TaskNode child : action.children()) {
                append(child, fields, depth + 1, out);
            }
        } else {
            MessageRecord m = ((ParsedMessage) node).message();
            out.append(m.messageType());
            appendFields(m, fields, out);
            out.append('\n');
        }
    }

    private static void appendFields(MessageRecord m, List<String> fields, StringBuilder out) {
        for (String f : fields) {
            Object v = m.fields().containsKey(f)
                    ? m.fields().get(f)
                    : m.globalFields().get(f);
            if (v != null) {
                out.append(' ').append(f).append('=').append(v);
            }
        }
    }
}
