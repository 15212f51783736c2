package io.eliot.core.parse;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.Objects;

/**
 * A standalone message inside a parsed task: a leaf of the tree.
 *
 * @param message the message as read
 */
public record ParsedMessage(MessageRecord message) implements TaskNode {

    /** Checks that {@code message} is not null. */
    public ParsedMessage {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String taskUuid() {
        return message.taskUuid();
    }

    @Override
    public TaskLevel taskLevel() {
        return message.taskLevel();
    }
}
