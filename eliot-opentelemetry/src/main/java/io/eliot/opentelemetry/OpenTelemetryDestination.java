package io.eliot.opentelemetry;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.opentelemetry.internal.ActionSpans;
import io.eliot.opentelemetry.internal.JsonAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emits each Eliot message as an OpenTelemetry log record through the Logs Bridge API, so the
 * application's {@code SdkLoggerProvider} and its exporters (OTLP to a collector) send it on; the
 * mapping is described in {@link EliotLogRecords}. Optionally ({@link Builder#actionSpans}) every
 * action is also a span.
 *
 * <pre>{@code
 * Eliot.addDestination(OpenTelemetryDestination.builder(openTelemetry).actionSpans(true).build());
 * }</pre>
 *
 * <p><b>Trace context.</b> A log record belongs to, in this order of preference: the span of its
 * action when action spans are on; the trace of the message's {@code trace_id} and {@code span_id}
 * fields if it has both (32 and 16 hex digits); otherwise the current context ({@code
 * Context.current()}) of the thread that logged it. That is why this destination must not be
 * wrapped in an {@link AsyncDestination}: {@link #write} runs on the logging thread, and the
 * SDK's {@code BatchLogRecordProcessor} already keeps the export off it.
 *
 * <p><b>Action spans</b>, off by default: the start message of an action starts a span named by
 * its {@code action_type} with the start message's timestamp and attributes; its end message adds
 * its own attributes and ends the span at its timestamp, with status ERROR, description {@code
 * reason} and an {@code exception} event ({@code exception.type}, {@code exception.message}) if it
 * failed. Its parent is the span of the enclosing action (same {@code task_uuid}, the level one
 * step up) while that is open; for a task's first action, an action whose enclosing action is in
 * another process, or one whose parent span is no longer open, the parent is the trace context
 * the log record would take (above). Action spans are never made current: spans that other
 * instrumentation ({@code @WithSpan}, {@code @Observed}, HTTP clients) opens inside an action are
 * children of whatever span is current there, not of the action's span. At most {@link
 * Builder#maxOpenSpans} spans are open at once; starting one more ends the oldest, with the
 * attribute {@value EliotLogRecords#UNFINISHED}; {@link #close} ends all open ones so.
 *
 * <p>Values that cannot be serialized are written as the JSON line writes them (see {@link
 * JsonLineEncoder}): {@link #write} throws only if the OpenTelemetry SDK does. Thread-safe.
 */
public final class OpenTelemetryDestination implements Destination {

    /** The default of {@link Builder#maxOpenSpans}. */
    public static final int DEFAULT_MAX_OPEN_SPANS = 10_000;

    /** The fields of a JSON line that are attributes of their own or the record's. */
    private static final Set<String> STRUCTURE = Set.of(
            MessageRecord.TASK_UUID,
            MessageRecord.TASK_LEVEL,
            MessageRecord.TIMESTAMP,
            MessageRecord.MESSAGE_TYPE,
            MessageRecord.ACTION_TYPE,
            MessageRecord.ACTION_STATUS);

    private static final String TRACE_ID = "trace_id", SPAN_ID = "span_id", TRACEBACK = "eliot:traceback";

    private final Logger logger;
    private final ActionSpans spans;
    private final JsonLineEncoder encoder;
    /** Reads back what the encoder wrote, however long or deep (a POJO's values are not cut). */
    private static final JsonMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxNestingDepth(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .maxDocumentLength(-1)
                            .build())
                    .build())
            .build();

    private OpenTelemetryDestination(Builder b) {
        this.logger = b.logs
                ? b.openTelemetry
                        .getLogsBridge()
                        .loggerBuilder(b.instrumentationScope)
                        .build()
                : null;
        this.spans = b.actionSpans
                ? new ActionSpans(b.openTelemetry.getTracer(b.instrumentationScope), b.maxOpenSpans)
                : null;
        this.encoder = b.encoder;
    }

    /** A builder sending through {@code openTelemetry}: log records on, action spans off. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    /** A destination emitting log records through {@code openTelemetry}, without action spans. */
    public static OpenTelemetryDestination create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    @Override
    public void write(MessageRecord message) throws Exception {
        Attributes structure = structure(message);
        Attributes attributes = fields(message);
        Context outside = outsideContext(message);
        if (spans != null) {
            spans.start(message, structure, attributes, outside);
        }
        if (logger != null) {
            emit(message, structure, attributes, outside);
        }
        if (spans != null) {
            spans.finish(message, attributes); // after the end message's record took the span's context
        }
    }

    private void emit(MessageRecord message, Attributes structure, Attributes attributes, Context outside) {
        Span actionSpan = spans == null ? null : spans.spanOf(message);
        boolean error = message.actionStatus() == ActionStatus.FAILED || TRACEBACK.equals(message.messageType());
        LogRecordBuilder record = logger.logRecordBuilder()
                .setTimestamp(message.timestampMicros(), TimeUnit.MICROSECONDS)
                .setContext(actionSpan != null ? Context.root().with(actionSpan) : outside)
                .setSeverity(error ? Severity.ERROR : Severity.INFO)
                .setSeverityText(error ? "ERROR" : "INFO")
                .setBody(EliotLogRecords.body(message))
                .setAllAttributes(structure) // first: the SDK's limit on attributes drops the last ones
                .setAllAttributes(attributes);
        if (message.type() != null) {
            record.setEventName(message.type());
        }
        record.emit();
    }

    /** The attributes every message has: task, level, and for action messages the status. */
    private static Attributes structure(MessageRecord message) {
        AttributesBuilder out = Attributes.builder()
                .put(EliotLogRecords.TASK_UUID, message.taskUuid())
                .put(EliotLogRecords.TASK_LEVEL, message.taskLevel().toPath());
        if (message.isAction()) {
            out.put(EliotLogRecords.ACTION_STATUS, message.actionStatus().wireName());
        }
        return out.build();
    }

    /** The attributes of the message's other fields, as its JSON line has them. */
    private Attributes fields(MessageRecord message) {
        AttributesBuilder out = Attributes.builder();
        try (JsonParser parser = READER.createParser(encoder.encode(message))) {
            JsonAttributes.addObject(out, parser, STRUCTURE);
        }
        return out.build();
    }

    /** The trace context of the message's {@code trace_id} and {@code span_id}, else the current one. */
    private static Context outsideContext(MessageRecord message) {
        if (message.get(TRACE_ID) instanceof String traceId && message.get(SPAN_ID) instanceof String spanId) {
            SpanContext carried = SpanContext.createFromRemoteParent(
                    traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
            if (carried.isValid()) {
                return Context.root().with(Span.wrap(carried));
            }
        }
        return Context.current();
    }

    /**
     * How many action spans were ended unfinished because more than {@link Builder#maxOpenSpans}
     * were open; 0 without action spans.
     */
    public long evictedSpans() {
        return spans == null ? 0 : spans.evicted();
    }

    /** Ends the spans of actions that have not finished, marked {@value EliotLogRecords#UNFINISHED}. */
    @Override
    public void close() {
        if (spans != null) {
            spans.endAll();
        }
    }

    @Override
    public String toString() {
        return "OpenTelemetryDestination[" + (logger != null ? "logs" : "")
                + (logger != null && spans != null ? ", " : "") + (spans != null ? "action spans" : "") + "]";
    }

    /** Configures an {@link OpenTelemetryDestination}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean logs = true;
        private boolean actionSpans;
        private int maxOpenSpans = DEFAULT_MAX_OPEN_SPANS;
        private String instrumentationScope = EliotLogRecords.INSTRUMENTATION_SCOPE;
        private JsonLineEncoder encoder = new JsonLineEncoder();

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /** Whether every message is emitted as a log record; default {@code true}. */
        public Builder logs(boolean logs) {
            this.logs = logs;
            return this;
        }

        /** Whether every action is also a span; default {@code false}. */
        public Builder actionSpans(boolean actionSpans) {
            this.actionSpans = actionSpans;
            return this;
        }

        /**
         * The most action spans open at once (actions started and not finished); starting one more
         * ends the oldest. Default {@value #DEFAULT_MAX_OPEN_SPANS}.
         */
        public Builder maxOpenSpans(int maxOpenSpans) {
            if (maxOpenSpans < 1) {
                throw new IllegalArgumentException("maxOpenSpans must be positive, was " + maxOpenSpans);
            }
            this.maxOpenSpans = maxOpenSpans;
            return this;
        }

        /** The instrumentation scope name of records and spans; default {@value EliotLogRecords#INSTRUMENTATION_SCOPE}. */
        public Builder instrumentationScope(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("instrumentationScope must not be blank");
            }
            this.instrumentationScope = name;
            return this;
        }

        /**
         * The encoder whose JSON form of each field the attributes follow (its {@code JsonMapper}
         * serializes values that are not plain JSON types); default {@code new JsonLineEncoder()}.
         */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * Builds the destination.
         *
         * @throws IllegalStateException if both log records and action spans are off
         */
        public OpenTelemetryDestination build() {
            if (!logs && !actionSpans) {
                throw new IllegalStateException("an OpenTelemetryDestination needs log records, action spans or both");
            }
            return new OpenTelemetryDestination(this);
        }
    }
}
