package io.eliot.spring.internal;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context-propagation library (Reactor, Spring's {@code
 * ContextPropagatingTaskDecorator}) carry the current Eliot action to other threads: messages
 * logged there take the action's next child positions, which stay unique across threads. On a thread
 * already running inside an Eliot hand-off of that action, the hand-off's action stays current
 * (see {@link ContextScope#makeCurrent(Action)}).
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
        return ContextScope.capture();
    }

    @Override
    public void setValue(Action value) {
        ContextScope.makeCurrent(value);
    }

    @Override
    public void setValue() {
        ContextScope.makeCurrent(null);
    }

    @Override
    public void restore(Action previousValue) {
        ContextScope.restore(previousValue);
    }
}
