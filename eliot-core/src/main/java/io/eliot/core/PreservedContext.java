package io.eliot.core;

import io.eliot.core.record.TaskLevel;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An action's context captured on one thread to be entered on another as an {@code
 * eliot:remote_task} child. The first entry uses the slot taken at capture time, so the tree shows
 * where the work was handed off; any later entry (a task run repeatedly, e.g. by a scheduler) takes
 * a fresh slot, so no two entries ever share a position. An entry made while this thread already
 * runs inside this same hand-off (the work was wrapped twice) starts no second action.
 */
final class PreservedContext implements HandOffs.HandOff {

    private final Action parent;
    private final TaskLevel firstLevel;
    private final AtomicBoolean firstUsed = new AtomicBoolean();

    private PreservedContext(Action parent) {
        this.parent = parent;
        this.firstLevel = parent.nextTaskLevel();
    }

    /**
     * The current action's context, or null when the calling thread is in no action. It becomes
     * this thread's pending hand-off, for an executor given the work next to join.
     */
    static PreservedContext capture() {
        Action current = CurrentAction.get();
        if (current == null) {
            return null;
        }
        PreservedContext context = new PreservedContext(current);
        HandOffs.pending(context);
        return context;
    }

    /**
     * For an executor wrapping what it is given: this thread's pending hand-off when it was captured
     * in the current action and has not run yet (the work inside was wrapped already), else the
     * current action's context, else null.
     */
    static PreservedContext captureForExecutor() {
        if (HandOffs.takePending() instanceof PreservedContext pending) {
            return pending;
        }
        Action current = CurrentAction.get();
        return current == null ? null : new PreservedContext(current);
    }

    @Override
    public Action parent() {
        return parent;
    }

    @Override
    public boolean entered() {
        return firstUsed.get();
    }

    /** Runs {@code body} inside this hand-off's {@code eliot:remote_task}, starting it unless inside it already. */
    <T, E extends Throwable> T call(ThrowingSupplier<T, E> body) throws E {
        if (HandOffs.inside(this)) {
            return body.get();
        }
        TaskLevel level = firstUsed.compareAndSet(false, true) ? firstLevel : parent.nextTaskLevel();
        Action action = Action.continueAt(parent.taskUuid(), level);
        Object previous = HandOffs.enter(this, action);
        try {
            return action.call(body);
        } finally {
            HandOffs.exit(previous);
        }
    }

    record PreservedRunnable(PreservedContext handOff, Runnable task) implements Runnable, HandOffs.Carrier {
        @Override
        public void run() {
            handOff.call(() -> {
                task.run();
                return null;
            });
        }
    }

    record PreservedCallable<T>(PreservedContext handOff, Callable<T> task) implements Callable<T>, HandOffs.Carrier {
        @Override
        public T call() throws Exception {
            return handOff.call(task::call);
        }
    }

    record PreservedSupplier<T>(PreservedContext handOff, Supplier<T> task) implements Supplier<T>, HandOffs.Carrier {
        @Override
        public T get() {
            return handOff.call(task::get);
        }
    }

    record PreservedFunction<T, R>(PreservedContext handOff, Function<T, R> task)
            implements Function<T, R>, HandOffs.Carrier {
        @Override
        public R apply(T input) {
            return handOff.call(() -> task.apply(input));
        }
    }
}
