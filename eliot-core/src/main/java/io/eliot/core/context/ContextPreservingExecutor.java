package io.eliot.core.context;

import io.eliot.core.Eliot;
import io.eliot.core.internal.HandOffs;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} that runs each task inside the context of the action that submitted it, as
 * an {@code eliot:remote_task}; see {@link Eliot#preserveForExecutor(Runnable)}.
 */
public final class ContextPreservingExecutor implements Executor {

    private final Executor delegate;

    /** Wraps {@code delegate}. */
    public ContextPreservingExecutor(Executor delegate) {
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
