package io.eliot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a parameter out of every message, whatever {@link LoggedAction#args()} or {@link
 * LogMessage#args()} say: for passwords, tokens, personal data. The parameter is left out entirely,
 * not masked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface NotLogged {}
