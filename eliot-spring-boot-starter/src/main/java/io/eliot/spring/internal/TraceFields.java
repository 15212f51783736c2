package io.eliot.spring.internal;

import io.eliot.core.ContextFields;
import io.eliot.core.Eliot;
import java.util.Map;

/**
 * A tracer's current span as Eliot context fields, registered with {@link Eliot#addContextFields}
 * for as long as the application context lives ({@link #close()} removes it).
 */
public final class TraceFields implements ContextFields, AutoCloseable {

    /** The field holding the current span's trace id (lowercase hexadecimal, as in W3C traceparent). */
    public static final String TRACE_ID = "trace_id";

    /** The field holding the current span's id. */
    public static final String SPAN_ID = "span_id";

    private final ContextFields tracer;

    private TraceFields(ContextFields tracer) {
        this.tracer = tracer;
    }

    /** Registers the fields of the span {@code tracer} has current; close to unregister. */
    public static TraceFields register(ContextFields tracer) {
        TraceFields fields = new TraceFields(tracer);
        Eliot.addContextFields(fields);
        return fields;
    }

    /** The fields of a span with these ids, or null when there is no real span (absent, empty, all zero). */
    static Map<String, ?> of(String traceId, String spanId) {
        if (!isId(traceId) || !isId(spanId)) {
            return null;
        }
        return Map.of(TRACE_ID, traceId, SPAN_ID, spanId);
    }

    private static boolean isId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, ?> current() {
        return tracer.current();
    }

    @Override
    public void close() {
        Eliot.removeContextFields(this);
    }

    @Override
    public String toString() {
        return "TraceFields[" + tracer + "]";
    }
}
