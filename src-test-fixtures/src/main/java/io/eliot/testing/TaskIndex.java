package io.eliot.testing;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.testing.internal.TreeText;
import io.eliot.testing.internal.TreeText.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Messages grouped by task and indexed by position, whatever order they came in. */
final class TaskIndex {

    private final Map<String, Task> tasks = new LinkedHashMap<>();

    TaskIndex(List<MessageRecord> messages) {
        for (MessageRecord message : messages) {
            tasks.computeIfAbsent(message.taskUuid(), Task::new).add(message);
        }
    }

    Task task(String taskUuid) {
        return tasks.get(taskUuid);
    }

    Collection<Task> tasks() {
        return tasks.values();
    }

    /** The tasks {@code which} accepts, in order of first appearance, as text trees with {@code notes}. */
    String render(Predicate<String> which, Map<MessageRecord, String> notes) {
        List<TreeText.Tree> trees = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (which.test(task.uuid)) {
                trees.add(new TreeText.Tree("task " + task.uuid, task.nodes(TaskLevel.ROOT, notes)));
            }
        }
        return TreeText.render(trees);
    }

    static boolean isStart(MessageRecord message) {
        return message != null && message.isAction() && message.actionStatus() == ActionStatus.STARTED;
    }

    static boolean isEnd(MessageRecord message) {
        return message != null && message.isAction() && message.actionStatus() != ActionStatus.STARTED;
    }

    /** One task's messages by level, and the occupied child slots of every level. */
    static final class Task {

        final String uuid;
        private final Map<TaskLevel, MessageRecord> at = new HashMap<>();
        private final Map<TaskLevel, NavigableSet<TaskLevel>> slots = new HashMap<>();

        Task(String uuid) {
            this.uuid = uuid;
        }

        void add(MessageRecord message) {
            TaskLevel level = message.taskLevel();
            at.putIfAbsent(level, message);
            for (TaskLevel l = level; l.depth() > 0; l = l.parent()) {
                slots.computeIfAbsent(l.parent(), k -> new TreeSet<>()).add(l);
            }
        }

        private NavigableSet<TaskLevel> slots(TaskLevel level) {
            return slots.getOrDefault(level, new TreeSet<>());
        }

        /** The end message of the action at {@code slot}, or null while it has none. */
        private MessageRecord endOf(TaskLevel slot) {
            MessageRecord end = null;
            for (TaskLevel child : slots(slot)) {
                MessageRecord message = at.get(child);
                if (isEnd(message)) {
                    end = message;
                }
            }
            return end;
        }

        /** The action at {@code slot}, whose start message is at {@code slot + [1]}. */
        LoggedAction action(TaskLevel slot) {
            MessageRecord start = at.get(slot.child());
            MessageRecord end = endOf(slot);
            List<Logged> children = new ArrayList<>();
            for (TaskLevel child : slots(slot)) {
                MessageRecord message = at.get(child);
                if (message == start || message == end) {
                    continue;
                }
                if (message != null) {
                    children.add(new LoggedMessage(message));
                } else if (isStart(at.get(child.child()))) {
                    children.add(action(child));
                }
            }
            return new LoggedAction(this, slot, start, end, children);
        }

        /**
         * What {@code slot} holds as text nodes: the action there, or, where its start message is
         * missing, a placeholder over what was captured below it.
         */
        List<Node> nodes(TaskLevel slot, Map<MessageRecord, String> notes) {
            MessageRecord start = at.get(slot.child());
            if (isStart(start)) {
                return List.of(actionNode(slot, start, notes));
            }
            List<Node> nodes = new ArrayList<>();
            for (TaskLevel child : slots(slot)) {
                MessageRecord message = at.get(child);
                if (message != null) {
                    nodes.add(leaf(message, notes));
                } else {
                    nodes.addAll(nodes(child, notes));
                }
            }
            return slot.depth() == 0
                    ? nodes
                    : List.of(new Node("(an action at " + slot + " whose start was not captured)", null, nodes));
        }

        private Node actionNode(TaskLevel slot, MessageRecord start, Map<MessageRecord, String> notes) {
            MessageRecord end = endOf(slot);
            List<Node> children = new ArrayList<>();
            for (TaskLevel child : slots(slot)) {
                MessageRecord message = at.get(child);
                if (message == start || message == end) {
                    continue;
                }
                if (message != null) {
                    children.add(leaf(message, notes));
                } else {
                    children.addAll(nodes(child, notes));
                }
            }
            if (end != null) {
                children.add(leaf(end, notes));
            }
            return new Node(TreeText.line(start), notes.get(start), children);
        }

        private static Node leaf(MessageRecord message, Map<MessageRecord, String> notes) {
            return new Node(TreeText.line(message), notes.get(message), List.of());
        }
    }
}
