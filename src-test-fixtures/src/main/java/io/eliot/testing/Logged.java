package io.eliot.testing;

import io.eliot.core.record.TaskLevel;

/**
 * Something logged in a task, as the tree of {@link LoggedAction#children()} holds it: a {@link
 * LoggedAction} or a {@link LoggedMessage}.
 *
 * <pre>{@code
 * for (Logged child : action.children()) {
 *     if (child instanceof LoggedMessage m) { ... m.message().fields() ... }
 * }
 * }</pre>
 */
public sealed interface Logged permits LoggedAction, LoggedMessage {

    /** The {@code task_uuid} of the task it belongs to. */
    String taskUuid();

    /** Its position: a message's {@code task_level}, or an action's own level (its messages lie below). */
    TaskLevel taskLevel();

    /** The {@code message_type} of a message, the {@code action_type} of an action. */
    String type();
}
