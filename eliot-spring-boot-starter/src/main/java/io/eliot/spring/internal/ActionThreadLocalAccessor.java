package io.eliot.spring.internal;

import io.eliot.core.Action;
import io.eliot.core.internal.CurrentAction;
import io.eliot.core.internal.HandOffs;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context-propagation library (Reactor, Spring's {@code
 * ContextPropagatingTaskDecorator}) carry the current Eliot action to other threads: messages
 * logged there take the action's next child positions, which stay unique across threads. On a thread
 * already running inside an Eliot hand-off of that action, the hand-off's action stays current.
 */
public final class ActionThreadLocalAccessor implements ThreadLocalAccessor<Action> {

    /** The key under which the action is captured. */
    public static final String KEY = "eliot.action";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public Action getValue() {
        return CurrentAction.get();
    }

    @Override
    public void setValue(Action value) {
        // Inside a hand-off of this very action (work wrapped by Eliot and by a snapshot), stay in
        // the hand-off's eliot:remote_task rather than logging beside it.
        CurrentAction.push(HandOffs.continuing(value));
    }

    @Override
    public void setValue() {
        CurrentAction.restore(null);
    }

    @Override
    public void restore(Action previousValue) {
        CurrentAction.restore(previousValue);
    }
}
