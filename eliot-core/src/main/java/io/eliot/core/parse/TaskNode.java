package io.eliot.core.parse;

import io.eliot.core.record.TaskLevel;

/**
 * A node of a parsed task tree: an {@link ParsedAction action} or a standalone {@link
 * ParsedMessage message}.
 */
public sealed interface TaskNode permits ParsedAction, ParsedMessage {

    /** The task this node belongs to. */
    String taskUuid();

    /**
     * The slot this node takes in its parent action: a message's own level, an action's level (its
     * start message is one level below, at {@code taskLevel().child(1)}).
     */
    TaskLevel taskLevel();
}
