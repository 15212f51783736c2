package io.eliot.core;

/**
 * The action each thread is currently inside. One slot per thread; each scope remembers what it
 * replaced and puts it back when it closes, so the slot forms a stack without a collection.
 * Virtual threads have their own slot, like platform threads. Nothing is inherited by new threads:
 * context crosses threads only explicitly (see {@code Eliot.preserveContext}).
 */
final class CurrentAction {

    private static final ThreadLocal<Action> CURRENT = new ThreadLocal<>();

    private CurrentAction() {}

    /** The current action of this thread, or {@code null}. */
    public static Action get() {
        return CURRENT.get();
    }

    /** Makes {@code action} current and returns what was current before. */
    public static Action push(Action action) {
        Action previous = CURRENT.get();
        CURRENT.set(action);
        return previous;
    }

    /** Puts back what {@link #push} returned. */
    public static void restore(Action previous) {
        // set(null), not remove(): removing frees the thread's map entry, which the next push of a
        // new task would allocate again. A null value holds on to nothing.
        CURRENT.set(previous);
    }
}
