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

/**
 * Passes signals on, finishing its action exactly once on the first terminal signal. Upstream sees
 * the action (in the Context, and current while subscribing, requesting and cancelling); signals go
 * downstream with the subscriber's action current again, so a synchronous source's downstream work
 * does not land inside this action.
 */
final class ActionSubscriber<T> implements CoreSubscriber<T>, Subscription {

    private final CoreSubscriber<? super T> actual;
    private final Action parent;
    private final Action action;
    private final boolean finishOnValue;
    private final Context context;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Subscription upstream;

    private ActionSubscriber(CoreSubscriber<? super T> actual, Action parent, Action action, boolean finishOnValue) {
        this.actual = actual;
        this.parent = parent;
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
        Action parent = EliotReactor.parent(actual.currentContext());
        Action action;
        try (ContextScope ignored = ContextScope.enter(parent)) {
            action = start.get();
        } catch (RuntimeException | Error failure) {
            Operators.error(actual, Operators.onOperatorError(failure, actual.currentContext()));
            return;
        }
        try (ContextScope ignored = action.context()) {
            source.subscribe(new ActionSubscriber<>(actual, parent, action, finishOnValue));
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
            Action previous = ContextScope.makeCurrent(parent);
            try {
                actual.onSubscribe(this);
            } finally {
                ContextScope.restore(previous);
            }
        }
    }

    @Override
    public void onNext(T value) {
        if (finishOnValue && finished.compareAndSet(false, true)) {
            action.finish();
        }
        Action previous = ContextScope.makeCurrent(parent);
        try {
            actual.onNext(value);
        } finally {
            ContextScope.restore(previous);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            action.finish(failure);
        }
        Action previous = ContextScope.makeCurrent(parent);
        try {
            actual.onError(failure);
        } finally {
            ContextScope.restore(previous);
        }
    }

    @Override
    public void onComplete() {
        if (finished.compareAndSet(false, true)) {
            action.finish();
        }
        Action previous = ContextScope.makeCurrent(parent);
        try {
            actual.onComplete();
        } finally {
            ContextScope.restore(previous);
        }
    }

    @Override
    public void request(long n) {
        Action previous = ContextScope.makeCurrent(action); // a synchronous source emits from here
        try {
            upstream.request(n);
        } finally {
            ContextScope.restore(previous);
        }
    }

    @Override
    public void cancel() {
        if (finished.compareAndSet(false, true)) {
            action.finish(new CancellationException("the subscription was cancelled"));
        }
        Action previous = ContextScope.makeCurrent(action);
        try {
            upstream.cancel();
        } finally {
            ContextScope.restore(previous);
        }
    }
}
