package io.eliot.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Living with the application's tracing, under the prefix {@code eliot.tracing}: every Eliot
 * message logged inside a span carries its {@code trace_id} and {@code span_id}.
 */
@ConfigurationProperties("eliot.tracing")
public class EliotTracingProperties {

    /**
     * Whether every Eliot message logged inside a span carries the span's trace_id and span_id, read
     * from Micrometer Tracing's Tracer bean or else from the OpenTelemetry API's current span.
     */
    private boolean traceFields = true;

    public boolean isTraceFields() {
        return traceFields;
    }

    public void setTraceFields(boolean traceFields) {
        this.traceFields = traceFields;
    }
}
