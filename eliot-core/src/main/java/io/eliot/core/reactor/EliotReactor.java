package io.eliot.core.reactor;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Eliot actions in Reactor pipelines, the explicit way (without {@code
 * Hooks.enableAutomaticContextPropagation()}): the action travels in the Reactor {@code Context}
 * under {@link #CONTEXT_KEY}, the key {@link EliotThreadLocalAccessor} uses, so both ways agree.
 *
 * <pre>{@code
 * Mono<Order> order = EliotReactor.inAction(
 *         repository.find(id).map(o -> {
 *             Eliot.log("order:found", "id", id); // inside order:load, on the caller's thread
 *             return o;
 *         }),
 *         () -> Eliot.startAction("order:load", "id", id));
 *
 * // In an operator on another thread: make the subscriber's action current.
 * Mono.deferContextual(context -> {
 *     try (ContextScope scope = EliotReactor.enter(context)) {
 *         Eliot.log("order:checked");
 *     }
 *     return Mono.just(1);
 * }).contextWrite(EliotReactor.withCurrentAction());
 * }</pre>
 *
 * <p>Needs {@code io.projectreactor:reactor-core} on the class path (an optional dependency of
 * eliot-core).
 */
@SuppressWarnings("exports") // Reactor / context-propagation types: optional, see module-info
public final class EliotReactor {

    /** The key of the current action in a Reactor {@code Context}: {@value}. */
    public static final String CONTEXT_KEY = EliotThreadLocalAccessor.KEY;

    private EliotReactor() {}

    /**
     * For {@code contextWrite}: puts the calling thread's current action, captured now, into the
     * Context; leaves the Context as it is when no action is current.
     */
    public static Function<Context, Context> withCurrentAction() {
        return withAction(ContextScope.capture());
    }

    /** For {@code contextWrite}: puts {@code action} into the Context ({@code null}: changes nothing). */
    public static Function<Context, Context> withAction(Action action) {
        return context -> action == null ? context : context.put(CONTEXT_KEY, action);
    }

    /** The action in {@code context}, if any. */
    public static Optional<Action> action(ContextView context) {
        Object action = context.getOrDefault(CONTEXT_KEY, null);
        return action instanceof Action a ? Optional.of(a) : Optional.empty();
    }

    /**
     * Makes the action in {@code context} current on the calling thread until the scope is closed;
     * without one, the thread's current action stays current. Use in try-with-resources.
     */
    public static ContextScope enter(ContextView context) {
        return ContextScope.enter(action(context).orElseGet(ContextScope::capture));
    }

    /**
     * {@code source} inside an action started at each subscription: {@code start} runs then, with
     * the subscriber's action current (the one in its Context, else the subscribing thread's), so
     * the new action is its child. The action is current on the thread while {@code source} is
     * subscribed to, and in the Context {@code source} sees; it finishes once, on the first of
     * value, completion (succeeded), error (failed) or cancellation (failed with a {@code
     * CancellationException}). Never subscribed: nothing is logged; subscribed twice: two actions.
     */
    public static <T> Mono<T> inAction(Mono<T> source, Supplier<Action> start) {
        return new MonoInAction<>(source, start);
    }

    /**
     * {@code source} inside an action started at each subscription, as for {@link #inAction(Mono,
     * Supplier)}; it finishes once, on completion (succeeded), error (failed) or cancellation
     * (failed with a {@code CancellationException}).
     */
    public static <T> Flux<T> inAction(Flux<T> source, Supplier<Action> start) {
        return new FluxInAction<>(source, start);
    }

    /**
     * The action to nest under for a subscriber with {@code context}: the one in the Context, else
     * the calling thread's current action ({@code null} for none).
     */
    static Action parent(ContextView context) {
        return action(context).orElseGet(ContextScope::capture);
    }
}
