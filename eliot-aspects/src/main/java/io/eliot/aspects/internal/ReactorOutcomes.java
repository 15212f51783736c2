package io.eliot.aspects.internal;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.reactor.EliotReactor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reactor support for {@link Outcomes}; loaded only when Reactor is on the class path. */
final class ReactorOutcomes {

    private ReactorOutcomes() {}

    /** Whether a method declared to return {@code type} returns a Mono or a Flux. */
    static MethodPlan.Returns returns(Class<?> type) {
        if (Mono.class.isAssignableFrom(type)) {
            return MethodPlan.Returns.MONO;
        }
        return Flux.class.isAssignableFrom(type) ? MethodPlan.Returns.FLUX : MethodPlan.Returns.VALUE;
    }

    static boolean handles(Object result) {
        return result instanceof Mono || result instanceof Flux;
    }

    /**
     * {@code result} (a method declared to return a Mono or Flux) inside the plan's action, started at
     * each subscription under the subscriber's action and current for the upstream, in core's {@link
     * EliotReactor#inAction(Mono, Supplier)}; this adds the result field and {@code successOn}.
     */
    static Object atSubscription(MethodPlan plan, Object[] fields, Object result) {
        Supplier<Action> start =
                () -> plan.newTask() ? Eliot.startTask(plan.type(), fields) : Eliot.startAction(plan.type(), fields);
        if (result instanceof Mono<?> mono) {
            return EliotReactor.inAction(withOutcome(plan, mono), start);
        }
        if (result instanceof Flux<?> flux) {
            return EliotReactor.inAction(withOutcome(plan, flux), start);
        }
        return result; // null: nothing to subscribe to, nothing to log
    }

    private static <T> Mono<T> withOutcome(MethodPlan plan, Mono<T> mono) {
        return Mono.deferContextual(context -> {
            Action action = EliotReactor.action(context).orElseThrow();
            Mono<T> result = mono.doOnError(failure -> handled(action, plan, failure));
            String field = plan.resultField();
            return field == null
                    ? result
                    : result.doOnSuccess(value -> action.addSuccessField(field, plan.result(value)));
        });
    }

    private static <T> Flux<T> withOutcome(MethodPlan plan, Flux<T> flux) {
        return Flux.deferContextual(context -> {
            Action action = EliotReactor.action(context).orElseThrow();
            Flux<T> result = flux.doOnError(failure -> handled(action, plan, failure));
            String field = plan.resultField();
            if (field == null) {
                return result;
            }
            AtomicLong count = new AtomicLong();
            return result.doOnNext(value -> count.incrementAndGet())
                    .doOnComplete(() -> action.addSuccessField(field, count.get()));
        });
    }

    /** A failure {@code successOn} names finishes the action as succeeded (core then does nothing). */
    private static void handled(Action action, MethodPlan plan, Throwable failure) {
        if (plan.countsAsSuccess(failure)) {
            action.finishAsSuccess(failure);
        }
    }

    /**
     * A Mono or Flux returned by a method declared to return something else ({@code Object}, {@code
     * Publisher}): the action, started at the call, finishes on its terminal signal.
     */
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
