package io.eliot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Logs a parameter, or on a method its result, as {@code "<redacted>"}, whatever its name and
 * whatever the configured field redaction: the field stays, so the log shows that a value was
 * passed, but the value never reaches a destination. Use {@link NotLogged} to leave the field out
 * altogether.
 *
 * <pre>{@code
 * @LoggedAction
 * public Session login(String user, @Redacted String credential) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface Redacted {}
