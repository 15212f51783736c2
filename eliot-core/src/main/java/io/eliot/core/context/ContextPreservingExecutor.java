package io.eliot.core.context;

import io.eliot.core.Eliot;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} that runs each task inside the context of the action that submitted it, as
 * an {@code eliot:remote_task}; see {@link Eliot#preserveContext(Runnable)}.
 */
public final class ContextPreservingExecutor implements Executor {

    private final Executor delegate;

    /** Wraps {@code delegate}. */
    public ContextPreservingExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(Eliot.preserveContext(command));
    }

    @Override
    public String toString() {
        return "ContextPreservingExecutor[" + delegate + "]";
    }
}
