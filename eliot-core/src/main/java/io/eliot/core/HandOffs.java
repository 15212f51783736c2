package io.eliot.core;

import java.util.function.Supplier;

/**
 * What each thread knows about work handed from one thread to another, so that work wrapped by more
 * than one helper (e.g. {@code Eliot.supplyAsync} on a {@code contextPreserving} pool, or a
 * {@code preserveContext}'d task given to a decorating executor) is one {@code eliot:remote_task}:
 *
 * <ul>
 *   <li>the <em>pending</em> hand-off: the one this thread captured last and is about to hand over;
 *       an executor that wraps what it is given (which may hide the wrapped task, as a {@code
 *       FutureTask} or a {@code CompletableFuture}'s task does) joins it instead of capturing again;
 *   <li>the <em>entered</em> hand-off: the one whose action this thread runs in now; a second
 *       wrapper of the same hand-off, or a context snapshot of the action it was handed off from,
 *       finds it and does not start another action.
 * </ul>
 */
final class HandOffs {

    /** A captured hand-off of work from {@link #parent()}. */
    public interface HandOff {
        /** The action the work was handed off from. */
        Action parent();

        /** Whether some thread has started running the work. */
        boolean entered();
    }

    /** A task that enters its own hand-off when it runs, so it needs no other wrapper. */
    public interface Carrier {
        /** The hand-off this task enters. */
        HandOff handOff();
    }

    private record Entered(HandOff handOff, Action action) {}

    private static final ThreadLocal<HandOff> PENDING = new ThreadLocal<>();
    private static final ThreadLocal<Entered> ENTERED = new ThreadLocal<>();

    private HandOffs() {}

    /** Remembers {@code handOff} as the one this thread is about to hand over. */
    public static void pending(HandOff handOff) {
        PENDING.set(handOff);
    }

    /**
     * The pending hand-off, taken, if it was captured in the current action and has not started
     * running anywhere yet; otherwise {@code null}.
     */
    public static HandOff takePending() {
        HandOff pending = PENDING.get();
        if (pending == null) {
            return null;
        }
        PENDING.set(null);
        return pending.parent() == CurrentAction.get() && !pending.entered() ? pending : null;
    }

    /** Forgets the pending hand-off if it is {@code task}'s: that task has been handed over itself. */
    public static void handedOver(Object task) {
        if (task instanceof Carrier carrier && PENDING.get() == carrier.handOff()) {
            PENDING.set(null);
        }
    }

    /**
     * Runs {@code submit}, which hands {@code task} to an executor, with {@code task}'s hand-off
     * pending, so a wrapper the executor applies joins it; nothing is pending afterwards.
     */
    public static <T> T handingOver(Object task, Supplier<T> submit) {
        PENDING.set(task instanceof Carrier carrier ? carrier.handOff() : null);
        try {
            return submit.get();
        } finally {
            PENDING.set(null);
        }
    }

    /** {@link #handingOver(Object, Supplier)} for a submission that returns nothing. */
    public static void handingOver(Object task, Runnable submit) {
        handingOver(task, () -> {
            submit.run();
            return null;
        });
    }

    /** Whether this thread runs inside {@code handOff}'s action right now. */
    public static boolean inside(HandOff handOff) {
        Entered entered = ENTERED.get();
        return entered != null && entered.handOff == handOff && entered.action == CurrentAction.get();
    }

    /** Records that this thread entered {@code action} for {@code handOff}; returns what to restore. */
    public static Object enter(HandOff handOff, Action action) {
        Object previous = ENTERED.get();
        ENTERED.set(new Entered(handOff, action));
        PENDING.set(null);
        return previous;
    }

    /** Puts back what {@link #enter} returned. */
    public static void exit(Object previous) {
        ENTERED.set((Entered) previous);
        PENDING.set(null);
    }

    /**
     * The action to make current on this thread to continue {@code captured} (for context
     * propagation libraries): the hand-off action this thread runs in when it was handed off from
     * {@code captured}, so the work stays inside it; {@code captured} otherwise.
     */
    public static Action continuing(Action captured) {
        Entered entered = ENTERED.get();
        if (captured != null
                && entered != null
                && entered.action == CurrentAction.get()
                && entered.handOff.parent() == captured) {
            return entered.action;
        }
        return captured;
    }
}
