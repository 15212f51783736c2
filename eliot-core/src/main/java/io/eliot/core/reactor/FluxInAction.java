package io.eliot.core.reactor;

import io.eliot.core.Action;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/** {@link EliotReactor#inAction(Flux, Supplier)}. */
final class FluxInAction<T> extends FluxOperator<T, T> {

    private final Supplier<Action> start;

    FluxInAction(Flux<T> source, Supplier<Action> start) {
        super(source);
        this.start = start;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        ActionSubscriber.subscribe(source, actual, start, false);
    }
}
