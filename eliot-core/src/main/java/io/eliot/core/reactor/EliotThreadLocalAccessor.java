package io.eliot.core.reactor;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Makes the current Eliot action known to Micrometer's context-propagation library, under the key
 * {@value #KEY}. With it, Reactor's {@code Hooks.enableAutomaticContextPropagation()} (Spring Boot:
 * {@code spring.reactor.context-propagation=auto}) makes the action current inside every operator,
 * on whatever thread it runs, and Spring's {@code ContextPropagatingTaskDecorator} carries it to
 * executor threads. Messages logged there take the action's next child positions, which stay unique
 * across threads.
 *
 * <p>Registered automatically: {@code ContextRegistry.getInstance()} loads it through {@code
 * META-INF/services/io.micrometer.context.ThreadLocalAccessor} on the class path, and through this
 * module's {@code provides} on the module path. Nothing to call or configure. On a thread already
 * running inside an Eliot hand-off of that action, the hand-off's action stays current (see {@link
 * ContextScope#makeCurrent(Action)}).
 */
@SuppressWarnings("exports") // Reactor / context-propagation types: optional, see module-info
public final class EliotThreadLocalAccessor implements ThreadLocalAccessor<Action> {

    /** The key of the action, in context-propagation's registry and in a Reactor {@code Context}. */
    public static final String KEY = "eliot.action";

    /** The constructor {@code ServiceLoader} calls. */
    public EliotThreadLocalAccessor() {}

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
