package io.eliot.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Switches off some of the {@linkplain LoggingCheck checks} {@link EliotExtension} runs after a
 * test, for one test method or for every test of a class (nested classes included). A reason is
 * required: a test that skips a check says why.
 *
 * <pre>{@code
 * @Test
 * @SkipLoggingChecks(value = LoggingCheck.TRACEBACKS, reason = "the retry loop logs each failed attempt")
 * void retriesThreeTimes(CapturedLog log) { ... }
 * }</pre>
 *
 * <p>Checks skipped on a method and on its enclosing classes add up. A blank reason fails the test
 * before it runs.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SkipLoggingChecks {

    /** The checks not to run. */
    LoggingCheck[] value();

    /** Why they do not apply here; must not be blank. */
    String reason();
}
