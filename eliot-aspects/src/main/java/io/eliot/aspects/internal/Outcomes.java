package io.eliot.aspects.internal;

import io.eliot.core.Action;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Finishes an annotated method's action from what the method produced: at once for a plain value
 * or exception, on completion for a {@code CompletionStage}; for a method declared to return a
 * Reactor {@code Mono}/{@code Flux} (when Reactor is on the class path) the action is started at
 * each subscription instead ({@link #atSubscription}).
 */
public final class Outcomes {

    private static final boolean REACTOR = isPresent("reactor.core.publisher.Mono");

    private Outcomes() {}

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Outcomes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** What a method declared to return {@code type} returns, for {@link MethodPlan}. */
    static MethodPlan.Returns returns(Class<?> type) {
        return REACTOR ? ReactorOutcomes.returns(type) : MethodPlan.Returns.VALUE;
    }

    /**
     * For a {@link MethodPlan#reactive()} method that returned {@code result}: the same publisher,
     * logging the plan's action with {@code fields} once per subscription.
     */
    public static Object atSubscription(MethodPlan plan, Object[] fields, Object result) {
        return ReactorOutcomes.atSubscription(plan, fields, result);
    }

    /**
     * Finishes (or arranges to finish) {@code action} for a method that returned {@code result}, and
     * returns what the caller gets: {@code result} itself, or for {@code Mono}/{@code Flux} the same
     * publisher with the finishing signals attached.
     */
    public static Object returned(Action action, MethodPlan plan, Object result) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    failed(action, plan, unwrap(failure));
                } else {
                    succeeded(action, plan, value);
                }
            });
            return result;
        }
        if (REACTOR && ReactorOutcomes.handles(result)) {
            return ReactorOutcomes.attach(action, plan, result);
        }
        succeeded(action, plan, result);
        return result;
    }

    /** Finishes {@code action} for a method that threw {@code failure}. */
    public static void failed(Action action, MethodPlan plan, Throwable failure) {
        if (plan.countsAsSuccess(failure)) {
            action.finishAsSuccess(failure);
        } else {
            action.finish(failure);
        }
    }

    static void succeeded(Action action, MethodPlan plan, Object value) {
        if (plan.resultField() != null) {
            action.addSuccessField(plan.resultField(), plan.result(value));
        }
        action.finish();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
