package io.eliot.core;

import java.util.Map;

/**
 * A source of fields that every message logged while it has some carries: the trace and span a
 * tracer has current, a tenant, a request id kept elsewhere. Registered with {@link
 * Eliot#addContextFields(ContextFields)}, it is asked on the logging thread each time a message is
 * created.
 *
 * <pre>{@code
 * Eliot.addContextFields(() -> {
 *     Span span = tracer.currentSpan();
 *     return span == null ? null : Map.of("trace_id", span.context().traceId(), "span_id", span.context().spanId());
 * });
 * }</pre>
 *
 * <p>Keep it cheap: it runs for every message. Values are strings, numbers or booleans; a field
 * with another value, no name, or a structural name ({@code task_uuid}, ...) is left out. A
 * message's own field of the same name wins over a context field, which wins over a global field.
 * A source that throws, or returns such fields, never disturbs the logging: the message is written
 * without its fields and the failure reported as {@value #FAILURE_MESSAGE} (the first, then at most
 * one a minute with the count since the last).
 */
@FunctionalInterface
public interface ContextFields {

    /** The message Eliot logs when a source throws or returns fields it cannot use. */
    String FAILURE_MESSAGE = "eliot:context_fields_failure";

    /** The fields for a message logged now on the calling thread: {@code null} or empty for none. */
    Map<String, ?> current();
}
