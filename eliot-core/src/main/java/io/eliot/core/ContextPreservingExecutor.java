package io.eliot.core;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} that runs each task inside the context of the action that submitted it, as
 * an {@code eliot:remote_task}; see {@link Eliot#preserveForExecutor(Runnable)}.
 */
final class ContextPreservingExecutor implements Executor {

    private final Executor delegate;

    /** Wraps {@code delegate}. */
    ContextPreservingExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable command) {
        Runnable preserved = Eliot.preserveForExecutor(command);
        HandOffs.handingOver(preserved, () -> delegate.execute(preserved));
    }

    @Override
    public String toString() {
        return "ContextPreservingExecutor[" + delegate + "]";
    }
}
