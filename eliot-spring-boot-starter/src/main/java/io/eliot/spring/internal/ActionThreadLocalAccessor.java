package io.eliot.spring.internal;

import io.eliot.core.Action;
import io.eliot.core.internal.CurrentAction;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context-propagation library (Reactor, Spring's {@code
 * ContextPropagatingTaskDecorator}) carry the current Eliot action to other threads: messages
 * logged there take the action's next child positions, which stay unique across threads.
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
        CurrentAction.push(value);
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
