package io.eliot.core;

import io.eliot.core.internal.CurrentAction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An action's context captured on one thread to be entered on another as an
 * {@code eliot:remote_task} child. The first entry uses the slot taken at capture time, so the tree
 * shows where the work was handed off; any later entry (a task run repeatedly, e.g. by a scheduler)
 * takes a fresh slot, so no two entries ever share a position.
 */
final class PreservedContext {

    private final Action parent;
    private final TaskLevel firstLevel;
    private final AtomicBoolean firstUsed = new AtomicBoolean();

    private PreservedContext(Action parent) {
        this.parent = parent;
        this.firstLevel = parent.nextTaskLevel();
    }

    /** The current action's context, or null when the calling thread is in no action. */
    static PreservedContext capture() {
        Action current = CurrentAction.get();
        return current == null ? null : new PreservedContext(current);
    }

    /** Starts the {@code eliot:remote_task} action the preserved work runs in. */
    Action enter() {
        TaskLevel level = firstUsed.compareAndSet(false, true) ? firstLevel : parent.nextTaskLevel();
        return Action.continueAt(parent.taskUuid(), level);
    }
}
