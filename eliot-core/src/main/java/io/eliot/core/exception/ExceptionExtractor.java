package io.eliot.core.exception;

import java.util.Map;

/**
 * Turns an exception into extra fields for the {@code failed} message of an action and for
 * {@code eliot:traceback} messages, e.g. {@code e -> Map.of("sql_state", e.getSQLState())}.
 *
 * <p>Register one with {@code Eliot.registerExceptionExtractor(SQLException.class, ...)}; the
 * extractor of the most specific registered superclass of the exception is used. An extractor
 * that throws is reported as an {@code eliot:traceback} and contributes no fields.
 *
 * @param <T> the exceptions it handles
 */
@FunctionalInterface
public interface ExceptionExtractor<T extends Throwable> {
    /** The extra fields for {@code exception}; never {@code null} (return an empty map). */
    Map<String, ?> extract(T exception);
}
