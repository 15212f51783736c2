package io.eliot.core;

/**
 * Keeps an action current on one thread until closed; see {@link Action#context()}. Closing puts
 * back whatever was current before, even when scopes are closed out of order. Closing twice, or
 * from another thread, does nothing.
 *
 * <p>The static methods are the API for context-propagation libraries (a Micrometer {@code
 * ThreadLocalAccessor}, a Reactor hook, an executor wrapper): {@link #capture()} where work is
 * handed off, {@link #makeCurrent(Action)} and {@link #restore(Action)} (or {@link #enter(Action)})
 * where it runs. When the work runs inside an {@link Eliot#preserveForExecutor hand-off} action
 * started from the captured context, that hand-off action is made current instead, so the work
 * stays inside it. {@code capture}, {@code makeCurrent} and {@code restore} allocate nothing.
 *
 * <p>A {@link Listener} registered with {@link #addListener} is told on each thread whenever its
 * current action changes, however it changes: this is how the SLF4J MDC follows Eliot's context
 * ({@code io.eliot.core.slf4j.EliotMdc}).
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

    /**
     * Told whenever the current action of a thread changes: an action made current ({@link
     * Action#run}, {@link Action#context()}, hand-offs, {@link #makeCurrent(Action)}), or what was
     * current before put back when that ends. Runs on the thread whose action changed, right after
     * the change, on the logging path: keep it short, allocation-free where you can, and never
     * block. A listener that throws is removed, and the failure is logged as an {@code
     * eliot:traceback}; the application never sees it.
     */
    @FunctionalInterface
    public interface Listener {
        /** The calling thread's current action is now {@code current} ({@code null}: none). */
        void currentActionChanged(Action current);
    }

    /**
     * Registers {@code listener} for every thread, from each thread's next change on. Registering
     * the same listener twice does nothing. With no listener registered, a change costs one read of
     * a static field more.
     */
    public static void addListener(Listener listener) {
        CurrentAction.addListener(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Unregisters {@code listener}; returns whether it was registered. */
    public static boolean removeListener(Listener listener) {
        return CurrentAction.removeListener(listener);
    }

    /** The calling thread's context, to make current elsewhere: its current action, or {@code null}. */
    public static Action capture() {
        return CurrentAction.get();
    }

    /**
     * Makes {@code captured} (a {@link #capture()} result; {@code null} for no context) current on the
     * calling thread (or the hand-off action this thread runs in for it, see above), and returns
     * what was current before, for {@link
     * #restore(Action)}.
     */
    public static Action makeCurrent(Action captured) {
        return CurrentAction.push(HandOffs.continuing(captured));
    }

    /** Puts back what {@link #makeCurrent(Action)} returned (or any {@link #capture()} result). */
    public static void restore(Action previous) {
        CurrentAction.restore(previous);
    }

    /**
     * {@link #makeCurrent(Action)} as a scope for try-with-resources: closing it restores what was
     * current before. {@link #action()} is the action made current ({@code null} for no context).
     */
    public static ContextScope enter(Action captured) {
        Action action = HandOffs.continuing(captured);
        return new ContextScope(action, CurrentAction.push(action), Thread.currentThread());
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
