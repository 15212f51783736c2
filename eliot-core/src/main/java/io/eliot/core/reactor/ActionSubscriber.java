package io.eliot.core.reactor;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** Passes signals on, finishing its action exactly once on the first terminal signal. */
final class ActionSubscriber<T> implements CoreSubscriber<T>, Subscription {

    private final CoreSubscriber<? super T> actual;
    private final Action action;
    private final boolean finishOnValue;
    private final Context context;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Subscription upstream;

    private ActionSubscriber(CoreSubscriber<? super T> actual, Action action, boolean finishOnValue) {
        this.actual = actual;
        this.action = action;
        this.finishOnValue = finishOnValue;
        this.context = actual.currentContext().put(EliotReactor.CONTEXT_KEY, action);
    }

    /**
     * Starts an action for {@code actual} (under its Context's action, else the thread's) and
     * subscribes to {@code source} with it current; {@code finishOnValue} for a Mono.
     */
    static <T> void subscribe(
            Publisher<? extends T> source,
            CoreSubscriber<? super T> actual,
            Supplier<Action> start,
            boolean finishOnValue) {
        Action action;
        try (ContextScope ignored = ContextScope.enter(EliotReactor.parent(actual.currentContext()))) {
            action = start.get();
        } catch (RuntimeException | Error failure) {
            Operators.error(actual, Operators.onOperatorError(failure, actual.currentContext()));
            return;
        }
        try (ContextScope ignored = action.context()) {
            source.subscribe(new ActionSubscriber<>(actual, action, finishOnValue));
        }
    }

    @Override
    public Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            actual.onSubscribe(this);
        }
    }

    @Override
    public void onNext(T value) {
        if (finishOnValue && finished.compareAndSet(false, true)) {
            action.finish();
        }
        actual.onNext(value);
    }

    @Override
    public void onError(Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            action.finish(failure);
        }
        actual.onError(failure);
    }

    @Override
    public void onComplete() {
        if (finished.compareAndSet(false, true)) {
            action.finish();
        }
        actual.onComplete();
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }

    @Override
    public void cancel() {
        if (finished.compareAndSet(false, true)) {
            action.finish(new CancellationException("the subscription was cancelled"));
        }
        upstream.cancel();
    }
}
