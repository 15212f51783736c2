package io.eliot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Logs one standalone message each time the method is called, with the arguments as fields.
 *
 * <pre>{@code
 * @LogMessage("cache:miss")
 * void onMiss(String key) { ... }
 * }</pre>
 *
 * <p>The message is logged when the method is entered, before its body runs, inside the caller's
 * current action (or as a task of its own). If the method then throws, nothing more is logged by
 * this annotation and the exception reaches the caller unchanged; combine with {@link LoggedAction}
 * to record outcomes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LogMessage {

    /** The {@code message_type}; default like {@link LoggedAction#value()}: {@code Class.method}. */
    String value() default "";

    /** The parameters logged as fields, by name; default all ({@code "*"}); {@code {}} logs none. */
    String[] args() default {LoggedAction.ALL};
}
