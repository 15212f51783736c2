package io.eliot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Logs every call of the method as an Eliot action: {@code started} with the arguments as fields,
 * then {@code succeeded} with the return value, or {@code failed} with the exception, which reaches
 * the caller unchanged.
 *
 * <pre>{@code
 * @LoggedAction("shop:checkout")
 * public Receipt checkout(String cartId, @NotLogged String cardNumber) { ... }
 * }</pre>
 *
 * <p>On a type it applies to each of the type's public methods (not to constructors, nor to {@code
 * toString}, {@code equals}, {@code hashCode}, or getters and setters); an annotation on a method
 * overrides the type's. The action is a child of the caller's current action, or a new task when
 * there is none ({@link #newTask()} forces one). A method returning a {@code CompletionStage}
 * finishes its action when the result completes.
 *
 * <p>A method declared to return a Reactor {@code Mono} or {@code Flux} runs when called, but its
 * action starts when the result is subscribed to, once per subscription: a {@code Mono} never
 * subscribed logs nothing, one subscribed twice logs two actions. The action is a child of the
 * subscriber's action (the one in its Reactor Context under {@code "eliot.action"}, else the
 * subscribing thread's current action), is current for the upstream (so annotated calls and
 * messages inside its operators nest under it; across {@code publishOn}/{@code subscribeOn} hops
 * with {@code Hooks.enableAutomaticContextPropagation()}), and finishes once, on completion, error
 * or cancellation (failed, {@code CancellationException}). The result field holds the {@code Mono}'s
 * value, or a {@code Flux}'s element count, under {@code count} unless {@link #resultField()} names
 * another field.
 *
 * <p>Woven by the aspects in {@code eliot-aspects}: at compile time, at load time, or as Spring AOP
 * proxies (public methods of Spring beans only).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LoggedAction {

    /** Marks "every parameter" in {@link #args()}. */
    String ALL = "*";

    /**
     * The {@code action_type}. Default: the simple name of the declaring class (with its enclosing
     * classes, dot-separated) and the method name, e.g. {@code OrderService.checkout}.
     */
    String value() default "";

    /** Start a new task even when the caller is inside an action. */
    boolean newTask() default false;

    /**
     * The parameters logged as fields of the {@code started} message, by name; default all of them
     * ({@code "*"}); {@code {}} logs none. Parameters marked {@link NotLogged} are never logged. Names
     * need the {@code -parameters} compiler flag; without it they are {@code arg0}, {@code arg1}, ...
     */
    String[] args() default {ALL};

    /**
     * Whether the return value (a {@code Mono}'s value, a {@code Flux}'s element count) is a field
     * of the {@code succeeded} message (never for {@code void}).
     */
    boolean logResult() default true;

    /** The name of the return value's field; a {@code Flux}'s count is {@code count} by default. */
    String resultField() default "result";

    /**
     * Exceptions that count as success, e.g. a {@code NotFoundException} that is normal control
     * flow: the action is logged as {@code succeeded} with {@code handled_exception} and {@code
     * handled_reason}, and the exception still reaches the caller.
     */
    Class<? extends Throwable>[] successOn() default {};
}
