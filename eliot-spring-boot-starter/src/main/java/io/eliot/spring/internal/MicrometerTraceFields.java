package io.eliot.spring.internal;

import io.eliot.core.ContextFields;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.Map;

/** The trace fields of Micrometer Tracing's current span (Brave or the OpenTelemetry bridge). */
public record MicrometerTraceFields(Tracer tracer) implements ContextFields {

    @Override
    public Map<String, ?> current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return context == null ? null : TraceFields.of(context.traceId(), context.spanId());
    }

    @Override
    public String toString() {
        return "Micrometer Tracing " + tracer.getClass().getName();
    }
}
