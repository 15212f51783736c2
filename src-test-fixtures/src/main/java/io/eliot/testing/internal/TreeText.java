package io.eliot.testing.internal;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Task trees as indented text for failure messages, one line per message:
 *
 * <pre>
 * task 7f0c1a52-...
 * └─ shop:checkout/started [1]  cart="c-7"
 *    ├─ shop:cart:priced [2]  total=12.5
 *    └─ shop:checkout/succeeded [3]  ◀ a note on this line
 * </pre>
 *
 * An action's start message heads its children; its end message is its last child. At most
 * {@value #MAX_LINES} lines are written.
 */
public final class TreeText {

    /** Lines written at most; the rest are counted. */
    public static final int MAX_LINES = 200;

    /** Marks a line a note is about. */
    public static final String MARK = "  ◀ ";

    private TreeText() {}

    /** One line of the tree: its text, an optional note ({@code null} for none), the lines below it. */
    public record Node(String text, String note, List<Node> children) {}

    /** A tree with its heading line, e.g. {@code task <uuid>}. */
    public record Tree(String heading, List<Node> roots) {}

    /**
     * {@code task} as a tree headed {@code task <uuid>}, with {@code notes} on the lines of the
     * messages they are about. An action whose start message is missing shows as a placeholder over
     * what was found below it; the messages the tree refused ({@code refused}, with why) follow as
     * lines of their own.
     */
    public static Tree tree(ParsedTask task, Map<MessageRecord, String> refused, Map<MessageRecord, String> notes) {
        List<Node> roots = new ArrayList<>(nodes(task.root(), notes));
        refused.forEach((message, reason) -> {
            if (message.taskUuid().equals(task.taskUuid())) {
                roots.add(new Node(
                        "(left out of the tree: " + reason + ") " + line(message), notes.get(message), List.of()));
            }
        });
        return new Tree("task " + task.taskUuid(), roots);
    }

    private static List<Node> nodes(TaskNode node, Map<MessageRecord, String> notes) {
        if (node instanceof ParsedMessage message) {
            return List.of(leaf(message.message(), notes));
        }
        ParsedAction action = (ParsedAction) node;
        List<Node> children = new ArrayList<>();
        MessageRecord end = action.endMessage().orElse(null);
        MessageRecord start = action.startMessage().orElse(null);
        for (TaskNode child : action.children()) {
            if (start == null && end != null && end.taskLevel().compareTo(child.taskLevel()) < 0) {
                children.add(leaf(end, notes));
                end = null;
            }
            children.addAll(nodes(child, notes));
        }
        if (end != null) {
            children.add(leaf(end, notes));
        }
        if (start != null) {
            return List.of(new Node(line(start), notes.get(start), children));
        }
        return action.taskLevel().depth() == 0
                ? children
                : List.of(new Node(
                        "(an action at " + action.taskLevel() + " whose start was not captured)", null, children));
    }

    private static Node leaf(MessageRecord message, Map<MessageRecord, String> notes) {
        return new Node(line(message), notes.get(message), List.of());
    }

    /**
     * The line for {@code message}: {@code type/status [level]} for an action message, {@code type
     * [level]} for a standalone one, then its fields as {@code name=value}.
     */
    public static String line(MessageRecord message) {
        StringBuilder sb = new StringBuilder(64);
        if (message.isAction()) {
            sb.append(message.actionType())
                    .append('/')
                    .append(message.actionStatus().wireName());
        } else {
            sb.append(message.messageType() == null ? "(no message_type)" : message.messageType());
        }
        sb.append(' ').append(message.taskLevel());
        message.fields()
                .forEach((name, value) ->
                        sb.append("  ").append(name).append('=').append(Values.render(value)));
        return sb.toString();
    }

    /** The trees, one after the other, cut after {@value #MAX_LINES} lines. */
    public static String render(List<Tree> trees) {
        List<String> lines = new ArrayList<>();
        for (Tree tree : trees) {
            lines.add(tree.heading());
            List<Node> roots = tree.roots();
            for (int i = 0; i < roots.size(); i++) {
                add(lines, roots.get(i), "", i == roots.size() - 1);
            }
        }
        if (lines.size() > MAX_LINES) {
            int more = lines.size() - MAX_LINES;
            lines = new ArrayList<>(lines.subList(0, MAX_LINES));
            lines.add("… " + more + " more lines");
        }
        return String.join("\n", lines);
    }

    private static void add(List<String> lines, Node node, String indent, boolean last) {
        lines.add(indent + (last ? "└─ " : "├─ ") + node.text() + (node.note() == null ? "" : MARK + node.note()));
        String childIndent = indent + (last ? "   " : "│  ");
        List<Node> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            add(lines, children.get(i), childIndent, i == children.size() - 1);
        }
    }
}
