package io.eliot.core;

import io.eliot.core.internal.CurrentAction;

/**
 * Keeps an action current on one thread until closed; see {@link Action#context()}. Closing puts
 * back whatever was current before, even when scopes are closed out of order. Closing twice, or
 * from another thread, does nothing.
 */
public final class ContextScope implements AutoCloseable {

    private final Action action;
    private final Action previous;
    private final Thread owner;
    private boolean closed;

    ContextScope(Action action, Action previous, Thread owner) {
        this.action = action;
        this.previous = previous;
        this.owner = owner;
    }

    /** The action this scope made current. */
    public Action action() {
        return action;
    }

    /** Ends the scope: the action that was current before it is current again. Never throws. */
    @Override
    public void close() {
        if (closed || Thread.currentThread() != owner) {
            return;
        }
        closed = true;
        CurrentAction.restore(previous);
    }
}
