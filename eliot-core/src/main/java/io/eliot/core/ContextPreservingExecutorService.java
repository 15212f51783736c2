package io.eliot.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ExecutorService} that runs each task inside the context of the action that submitted
 * it, as one {@code eliot:remote_task}; see {@link Eliot#preserveForExecutor(Runnable)}. Every task
 * ({@code submit}, {@code invokeAll}, {@code invokeAny} included) reaches the wrapped service through
 * its {@code execute}; lifecycle calls go to the wrapped service.
 *
 * <pre>{@code
 * ExecutorService pool = Eliot.contextPreserving(Executors.newFixedThreadPool(4));
 * }</pre>
 */
final class ContextPreservingExecutorService extends AbstractExecutorService {

    private final ExecutorService delegate;

    /** Wraps {@code delegate}. */
    ContextPreservingExecutorService(ExecutorService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable command) {
        Runnable preserved = Eliot.preserveForExecutor(command);
        HandOffs.handingOver(preserved, () -> delegate.execute(preserved));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return future(Eliot.preserveForExecutor(callable));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        Runnable preserved = Eliot.preserveForExecutor(runnable);
        return future(
                () -> {
                    preserved.run();
                    return value;
                },
                preserved);
    }

    private static <T> RunnableFuture<T> future(Callable<T> preserved) {
        return future(preserved, preserved);
    }

    private static <T> RunnableFuture<T> future(Callable<T> callable, Object preserved) {
        if (preserved instanceof HandOffs.Carrier carrier) {
            // invokeAny hides the future in one of its own before calling execute: that one joins.
            HandOffs.pending(carrier.handOff());
            return new CarryingFuture<>(callable, carrier.handOff());
        }
        return new FutureTask<>(callable);
    }

    /** A future whose task enters its own hand-off, so a decorating delegate does not wrap it again. */
    private static final class CarryingFuture<T> extends FutureTask<T> implements HandOffs.Carrier {
        private final HandOffs.HandOff handOff;

        CarryingFuture(Callable<T> callable, HandOffs.HandOff handOff) {
            super(callable);
            this.handOff = handOff;
        }

        @Override
        public HandOffs.HandOff handOff() {
            return handOff;
        }
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "ContextPreservingExecutorService[" + delegate + "]";
    }
}
