package io.eliot.core.reactor;

import io.eliot.core.Action;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/** {@link EliotReactor#inAction(Mono, Supplier)}. */
final class MonoInAction<T> extends MonoOperator<T, T> {

    private final Supplier<Action> start;

    MonoInAction(Mono<T> source, Supplier<Action> start) {
        super(source);
        this.start = start;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        ActionSubscriber.subscribe(source, actual, start, true);
    }
}
