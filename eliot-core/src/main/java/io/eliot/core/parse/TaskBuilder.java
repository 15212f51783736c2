package io.eliot.core.parse;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of one task read so far. Follows Python Eliot's {@code eliot.parse.Task}: an action
 * is complete when it has its start and end messages, every slot between them, and every child
 * action is complete; the task is complete when its root action is, or when it is a single
 * standalone message at {@code [1]}. Unlike Python, a message that contradicts the tree is refused
 * (the caller reports it) instead of raising or silently replacing what was there.
 */
final class TaskBuilder {

    private static final TaskLevel FIRST = TaskLevel.of(1);

    private static final class ActionNode {
        final TaskLevel level;
        final ActionNode parent;
        MessageRecord start;
        MessageRecord end;
        /** Slot -> MessageRecord or ActionNode. */
        final Map<Integer, Object> children = new HashMap<>(8);

        int incompleteChildActions;
        boolean complete;

        ActionNode(TaskLevel level, ActionNode parent) {
            this.level = level;
            this.parent = parent;
        }

        String actionType() {
            return start != null ? start.actionType() : end != null ? end.actionType() : null;
        }
    }

    private final String taskUuid;
    private final Map<TaskLevel, ActionNode> actions = new HashMap<>();
    private MessageRecord standaloneRoot;
    private boolean complete;
    private int messageCount;

    TaskBuilder(String taskUuid) {
        this.taskUuid = taskUuid;
    }

    boolean isComplete() {
        return complete;
    }

    int messageCount() {
        return messageCount;
    }

    /** Adds {@code message}; returns why it was refused, or {@code null} when it was added. */
    String add(MessageRecord message) {
        if (standaloneRoot != null) {
            return "task " + taskUuid + " is a single message at [1]; this message is at " + message.taskLevel();
        }
        TaskLevel level = message.taskLevel();
        if (message.isAction()) {
            ActionNode action = action(level.parent());
            if (action == null) {
                return "task_level " + level + " lies under a standalone message";
            }
            if (message.actionStatus() == ActionStatus.STARTED) {
                if (level.last() != 1) {
                    return "started message at " + level + ", a task level not ending in 1";
                }
                if (action.start != null) {
                    return "second started message at " + level;
                }
                if (action.end != null && !action.end.actionType().equals(message.actionType())) {
                    return "started message of type " + message.actionType() + " at " + level
                            + " but its action ended as " + action.end.actionType();
                }
                action.start = message;
            } else {
                if (action.end != null) {
                    return "second end message for the action at " + level.parent();
                }
                String type = action.actionType();
                if (type != null && !type.equals(message.actionType())) {
                    return "end message of type " + message.actionType() + " at " + level + " for an action of type "
                            + type;
                }
                if (action.children.containsKey(level.last())) {
                    return "end message at " + level + " where another message already is";
                }
                action.end = message;
            }
            messageCount++;
            checkComplete(action);
            return null;
        }
        if (level.equals(FIRST)) {
            if (messageCount > 0) {
                return "standalone message at [1] in a task that already has messages";
            }
            standaloneRoot = message;
            messageCount++;
            complete = true;
            return null;
        }
        ActionNode parent = action(level.parent());
        if (parent == null) {
            return "task_level " + level + " lies under a standalone message";
        }
        int slot = level.last();
        if (parent.children.containsKey(slot)
                || (parent.end != null && parent.end.taskLevel().last() == slot)
                || (slot == 1 && parent.start != null)) {
            return "second message at task_level " + level;
        }
        parent.children.put(slot, message);
        messageCount++;
        checkComplete(parent);
        return null;
    }

    /** The action at {@code level}, created (with its ancestors) when new; null on a conflict. */
    private ActionNode action(TaskLevel level) {
        ActionNode node = actions.get(level);
        if (node != null) {
            return node;
        }
        ActionNode parent = null;
        if (level.depth() > 0) {
            parent = action(level.parent());
            if (parent == null || parent.children.get(level.last()) instanceof MessageRecord) {
                return null;
            }
        }
        node = new ActionNode(level, parent);
        actions.put(level, node);
        if (parent != null) {
            parent.children.put(level.last(), node);
            parent.incompleteChildActions++;
        }
        return node;
    }

    private void checkComplete(ActionNode action) {
        while (action != null
                && !action.complete
                && action.start != null
                && action.end != null
                && action.incompleteChildActions == 0
                && action.children.size() == action.end.taskLevel().last() - 2) {
            action.complete = true;
            if (action.parent == null) {
                complete = true;
                return;
            }
            action.parent.incompleteChildActions--;
            action = action.parent;
        }
    }

    /** The immutable task, as far as it was read. */
    ParsedTask build() {
        if (standaloneRoot != null) {
            return new ParsedTask(new ParsedMessage(standaloneRoot), true, messageCount);
        }
        return new ParsedTask(build(actions.get(TaskLevel.ROOT)), complete, messageCount);
    }

    private ParsedAction build(ActionNode action) {
        List<TaskNode> children = new ArrayList<>(action.children.size());
        for (Object child : action.children.values()) {
            children.add(child instanceof ActionNode a ? build(a) : new ParsedMessage((MessageRecord) child));
        }
        return new ParsedAction(taskUuid, action.level, action.start, action.end, children, action.complete);
    }
}
