package io.eliot.core.parse;

import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.List;

/** A task tree as indented lines, one per message: {@code "  [3, 1] child/started"}. */
final class Outline {

    private Outline() {}

    static List<String> of(ParsedTask task) {
        List<String> out = new ArrayList<>();
        render(task.root(), 0, out);
        return out;
    }

    private static void render(TaskNode node, int depth, List<String> out) {
        if (node instanceof ParsedMessage m) {
            out.add(line(m.message(), depth));
            return;
        }
        ParsedAction action = (ParsedAction) node;
        out.add(action.startMessage().map(m -> line(m, depth)).orElse("  ".repeat(depth) + "(start missing)"));
        for (TaskNode child : action.children()) {
            render(child, child instanceof ParsedAction ? depth + 1 : depth, out);
        }
        out.add(action.endMessage().map(m -> line(m, depth)).orElse("  ".repeat(depth) + "(end missing)"));
    }

    static String line(MessageRecord m, int depth) {
        String name = m.isAction() ? m.actionType() + "/" + m.actionStatus().wireName() : m.messageType();
        return "  ".repeat(depth) + m.taskLevel() + " " + name;
    }
}
