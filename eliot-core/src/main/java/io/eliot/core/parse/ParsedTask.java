package io.eliot.core.parse;

import java.util.Objects;

/**
 * One task read from a log: the tree of everything logged under one {@code task_uuid}.
 *
 * <p>The root is a {@link ParsedAction} at the empty level (its start message at {@code [1]}), or,
 * for a task that is one standalone message logged outside any action, that {@link ParsedMessage}.
 * An incomplete task (the log ended, or lost lines, before its last message) still has a root
 * action holding everything that was found.
 *
 * @param root the root of the tree
 * @param complete whether every message of the task was found
 * @param messageCount how many messages the tree holds
 */
public record ParsedTask(TaskNode root, boolean complete, int messageCount) {

    /** Checks that {@code root} is not null. */
    public ParsedTask {
        Objects.requireNonNull(root, "root");
    }

    /** The task's {@code task_uuid}. */
    public String taskUuid() {
        return root.taskUuid();
    }
}
