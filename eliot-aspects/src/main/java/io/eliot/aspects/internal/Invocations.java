package io.eliot.aspects.internal;

import io.eliot.core.Action;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Recognizes the same call advised twice (a Spring AOP proxy around a class that was also woven),
 * so it is logged once. The outer advice records the call it is running; an inner advice for the
 * same method, target and argument objects, while that call's action is still current, proceeds
 * without logging.
 */
public final class Invocations {

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private Invocations() {}

    /**
     * A call being advised, and the action it started (for a method returning a Mono or Flux, whose
     * action starts at subscription: the caller's action, possibly {@code null}).
     */
    public record Invocation(Method method, Object target, Object[] args, Action action) {

        boolean isSameCall(Method otherMethod, Object otherTarget, Object[] otherArgs) {
            if (target != otherTarget || args.length != otherArgs.length) {
                return false;
            }
            for (int i = 0; i < args.length; i++) {
                if (args[i] != otherArgs[i]) {
                    return false;
                }
            }
            return method.equals(otherMethod)
                    || (method.getName().equals(otherMethod.getName())
                            && Arrays.equals(method.getParameterTypes(), otherMethod.getParameterTypes()));
        }
    }

    /**
     * Whether this call is already being logged by an outer advice whose action is {@code current}
     * ({@code null}: no action is current).
     */
    public static boolean isAdvisedAlready(Method method, Object target, Object[] args, Action current) {
        Invocation outer = CURRENT.get();
        return outer != null && outer.action() == current && outer.isSameCall(method, target, args);
    }

    /** Records {@code invocation} as the one being advised; returns what to restore afterwards. */
    public static Invocation enter(Invocation invocation) {
        Invocation previous = CURRENT.get();
        CURRENT.set(invocation);
        return previous;
    }

    /** Restores what {@link #enter} returned. */
    public static void exit(Invocation previous) {
        CURRENT.set(previous); // not remove(): the next call would allocate the thread's entry again
    }
}
