package io.eliot.aspects.internal;

import io.eliot.core.Action;
import java.util.concurrent.CancellationException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reactor support for {@link Outcomes}; loaded only when Reactor is on the class path. */
final class ReactorOutcomes {

    private ReactorOutcomes() {}

    static boolean handles(Object result) {
        return result instanceof Mono || result instanceof Flux;
    }

    static Object attach(Action action, MethodPlan plan, Object result) {
        if (result instanceof Mono<?> mono) {
            return mono.doOnSuccess(value -> Outcomes.succeeded(action, plan, value))
                    .doOnError(failure -> Outcomes.failed(action, plan, failure))
                    .doOnCancel(() -> action.finish(new CancellationException("the subscription was cancelled")));
        }
        Flux<?> flux = (Flux<?>) result;
        return flux.doOnComplete(action::finish)
                .doOnError(failure -> Outcomes.failed(action, plan, failure))
                .doOnCancel(() -> action.finish(new CancellationException("the subscription was cancelled")));
    }
}
