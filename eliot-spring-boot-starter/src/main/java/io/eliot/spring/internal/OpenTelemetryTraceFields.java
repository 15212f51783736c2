package io.eliot.spring.internal;

import io.eliot.core.ContextFields;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;

/** The trace fields of the OpenTelemetry API's current span ({@code Span.current()}). */
public final class OpenTelemetryTraceFields implements ContextFields {

    @Override
    public Map<String, ?> current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? TraceFields.of(context.getTraceId(), context.getSpanId()) : null;
    }

    @Override
    public String toString() {
        return "OpenTelemetry API Span.current()";
    }
}
