package io.eliot.core;

import java.util.Arrays;

/**
 * The action each thread is currently inside. One slot per thread; each scope remembers what it
 * replaced and puts it back when it closes, so the slot forms a stack without a collection.
 * Virtual threads have their own slot, like platform threads. Nothing is inherited by new threads:
 * context crosses threads only explicitly (see {@code Eliot.preserveContext}).
 *
 * <p>Every change of the slot goes through {@link #push} and {@link #restore}, which tell the
 * {@link ContextScope.Listener listeners} (e.g. the SLF4J MDC bridge). With none registered, that
 * costs one read of a static field.
 */
final class CurrentAction {

    private static final ThreadLocal<Action> CURRENT = new ThreadLocal<>();

    /** The registered listeners; {@code null} when there are none (the common case). */
    private static volatile ContextScope.Listener[] listeners;

    private CurrentAction() {}

    /** The current action of this thread, or {@code null}. */
    public static Action get() {
        return CURRENT.get();
    }

    /** Makes {@code action} current and returns what was current before. */
    public static Action push(Action action) {
        Action previous = CURRENT.get();
        CURRENT.set(action);
        ContextScope.Listener[] registered = listeners;
        if (registered != null && action != previous) {
            changed(registered, action);
        }
        return previous;
    }

    /** Puts back what {@link #push} returned. */
    public static void restore(Action previous) {
        ContextScope.Listener[] registered = listeners;
        if (registered == null) {
            // set(null), not remove(): removing frees the thread's map entry, which the next push of
            // a new task would allocate again. A null value holds on to nothing.
            CURRENT.set(previous);
            return;
        }
        Action current = CURRENT.get();
        CURRENT.set(previous);
        if (current != previous) {
            changed(registered, previous);
        }
    }

    /** Registers {@code listener}; registering one twice does nothing. */
    static synchronized void addListener(ContextScope.Listener listener) {
        ContextScope.Listener[] registered = listeners;
        if (registered == null) {
            listeners = new ContextScope.Listener[] {listener};
        } else if (!Arrays.asList(registered).contains(listener)) {
            ContextScope.Listener[] more = Arrays.copyOf(registered, registered.length + 1);
            more[registered.length] = listener;
            listeners = more;
        }
    }

    /** Unregisters {@code listener}; returns whether it was registered. */
    static synchronized boolean removeListener(ContextScope.Listener listener) {
        ContextScope.Listener[] registered = listeners;
        if (registered == null) {
            return false;
        }
        ContextScope.Listener[] rest =
                Arrays.stream(registered).filter(l -> !l.equals(listener)).toArray(ContextScope.Listener[]::new);
        if (rest.length == registered.length) {
            return false;
        }
        listeners = rest.length == 0 ? null : rest;
        return true;
    }

    private static void changed(ContextScope.Listener[] registered, Action current) {
        for (ContextScope.Listener listener : registered) {
            try {
                listener.currentActionChanged(current);
            } catch (RuntimeException | LinkageError e) {
                // Never into the application: the listener is dropped, and the failure logged once.
                if (removeListener(listener)) {
                    Tracebacks.write(
                            new IllegalStateException(
                                    "context listener " + listener + " failed and was removed: " + e, e),
                            current,
                            false);
                }
            }
        }
    }
}
