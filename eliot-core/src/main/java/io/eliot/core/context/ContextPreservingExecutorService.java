package io.eliot.core.context;

import io.eliot.core.Eliot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} that runs each task inside the context of the action that submitted
 * it, as an {@code eliot:remote_task}; see {@link Eliot#preserveContext(Runnable)}. Lifecycle calls
 * go to the wrapped service.
 *
 * <pre>{@code
 * ExecutorService pool = Eliot.contextPreserving(Executors.newFixedThreadPool(4));
 * }</pre>
 */
public final class ContextPreservingExecutorService implements ExecutorService {

    private final ExecutorService delegate;

    /** Wraps {@code delegate}. */
    public ContextPreservingExecutorService(ExecutorService delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(Eliot.preserveContext(command));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return delegate.submit(Eliot.preserveContext(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return delegate.submit(Eliot.preserveContext(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return delegate.submit(Eliot.preserveContext(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return delegate.invokeAll(wrap(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return delegate.invokeAll(wrap(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return delegate.invokeAny(wrap(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return delegate.invokeAny(wrap(tasks), timeout, unit);
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

    private static <T> List<Callable<T>> wrap(Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            wrapped.add(Eliot.preserveContext(task));
        }
        return wrapped;
    }
}
