package io.eliot.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * OTLP for real: the SDK's batching processors and OTLP/HTTP exporters send to a receiver decoding
 * the protobuf requests, while a JSON file is written side by side.
 */
class OtlpEndToEndTest {

    private static final int REQUESTS = 100;
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private OtlpReceiver receiver;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        sdk = ExportingSdk.to(receiver);
    }

    @AfterEach
    void stop() {
        sdk.close();
        receiver.close();
    }

    @Test
    void everyMessageOfAHundredRequestsArrivesOnceWithItsAttributesAndRebuildsTheSameTrees() throws Exception {
        Run run = run(OpenTelemetryDestination.create(sdk));

        assertThat(run.logs).hasSize(run.messages.size());
        assertThat(run.logs.stream().map(OtlpEndToEndTest::key)).doesNotHaveDuplicates();
        Map<String, MessageRecord> byKey = new HashMap<>();
        run.messages.forEach(m -> byKey.put(m.taskUuid() + m.taskLevel().toPath(), m));
        for (LogRecord r : run.logs) {
            MessageRecord m = byKey.get(key(r));
            assertThat(m).as("the message of %s", key(r)).isNotNull();
            assertMapped(r, m);
            SpanContext request = run.requestSpans.get(m.taskUuid());
            assertThat(HEX.formatHex(r.getTraceId().toByteArray())).isEqualTo(request.getTraceId());
            assertThat(HEX.formatHex(r.getSpanId().toByteArray())).isEqualTo(request.getSpanId());
        }
        assertThat(rebuilt(run.logs)).isEqualTo(run.expected);
        // Nested fields flattened into dotted names, lists of one kind as arrays.
        LogRecord received = run.logs.stream()
                .filter(r -> r.getEventName().equals("order:received"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> attributes = OtlpReceiver.attributes(received.getAttributesList());
        assertThat(attributes)
                .containsKeys("order.id", "order.customer.name", "order.customer.score")
                .containsEntry("order.lines", List.of(1L, 2L, 3L))
                .containsEntry("order.tags", List.of("a", "b"));
        assertThat(attributes.get("order.customer.vip")).isInstanceOf(Boolean.class);
    }

    @Test
    void withActionSpansEveryActionIsASpanNestedAsTheActionsAre() throws Exception {
        OpenTelemetryDestination otel =
                OpenTelemetryDestination.builder(sdk).actionSpans(true).build();
        Run run = run(otel);

        List<ParsedAction> actions = new ArrayList<>();
        run.expected.forEach(task -> collectActions(task.root(), actions));
        Map<String, Span> spans = new HashMap<>();
        for (Span span : receiver.spans()) {
            Map<String, Object> attributes = OtlpReceiver.attributes(span.getAttributesList());
            if (attributes.get(EliotLogRecords.TASK_UUID) instanceof String uuid) {
                String level = (String) attributes.get(EliotLogRecords.TASK_LEVEL);
                TaskLevel action =
                        TaskLevel.of(EliotLogRecords.parsePath(level)).parent();
                assertThat(spans.put(uuid + action.toPath(), span))
                        .as("one span per action")
                        .isNull();
            }
        }
        assertThat(spans).hasSize(actions.size());
        for (ParsedAction action : actions) {
            String key = action.taskUuid() + action.taskLevel().toPath();
            Span span = spans.get(key);
            assertThat(span).as("the span of %s", key).isNotNull();
            assertThat(span.getName()).isEqualTo(action.actionType());
            assertThat(span.getStartTimeUnixNano())
                    .isEqualTo(action.startMessage().orElseThrow().timestampMicros() * 1000);
            assertThat(span.getEndTimeUnixNano())
                    .isEqualTo(action.endMessage().orElseThrow().timestampMicros() * 1000);
            SpanContext request = run.requestSpans.get(action.taskUuid());
            assertThat(HEX.formatHex(span.getTraceId().toByteArray())).isEqualTo(request.getTraceId());
            String parentSpanId = action.taskLevel().depth() == 0
                    ? request.getSpanId()
                    : HEX.formatHex(spans.get(action.taskUuid()
                                    + action.taskLevel().parent().toPath())
                            .getSpanId()
                            .toByteArray());
            assertThat(HEX.formatHex(span.getParentSpanId().toByteArray()))
                    .as("the parent of %s", key)
                    .isEqualTo(parentSpanId);
            if (action.status().orElseThrow() == ActionStatus.FAILED) {
                assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
                assertThat(span.getStatus().getMessage()).startsWith("card declined");
                assertThat(span.getEventsList()).singleElement().satisfies(event -> {
                    assertThat(event.getName()).isEqualTo("exception");
                    assertThat(OtlpReceiver.attributes(event.getAttributesList()))
                            .containsEntry("exception.type", IllegalStateException.class.getName());
                });
            } else {
                assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
            }
        }
        // Each log record belongs to the span of its action.
        assertThat(run.logs).hasSize(run.messages.size());
        for (LogRecord r : run.logs) {
            Map<String, Object> attributes = OtlpReceiver.attributes(r.getAttributesList());
            TaskLevel level =
                    TaskLevel.of(EliotLogRecords.parsePath((String) attributes.get(EliotLogRecords.TASK_LEVEL)));
            Span span = spans.get(
                    attributes.get(EliotLogRecords.TASK_UUID) + level.parent().toPath());
            assertThat(r.getSpanId()).as("the span of %s", key(r)).isEqualTo(span.getSpanId());
        }
        assertThat(rebuilt(run.logs)).isEqualTo(run.expected);
        assertThat(otel.evictedSpans()).isZero();
    }

    /** What a run logged to the JSON file and what the receiver got. */
    private record Run(
            List<MessageRecord> messages,
            List<ParsedTask> expected,
            List<LogRecord> logs,
            Map<String, SpanContext> requestSpans) {}

    private Run run(OpenTelemetryDestination otel) throws Exception {
        Path file = dir.resolve("app.log");
        JsonFileDestination json = JsonFileDestination.open(file);
        Eliot.addDestinations(json, otel);
        Map<String, SpanContext> requestSpans;
        try {
            requestSpans = Requests.run(sdk.getTracer("test"), REQUESTS);
        } finally {
            Eliot.removeDestination(json);
            Eliot.removeDestination(otel);
            json.close();
            otel.close();
        }
        ExportingSdk.flush(sdk);
        assertThat(receiver.rejected()).isEmpty();

        List<String> lines = Files.readAllLines(file);
        List<MessageRecord> messages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            messages.add(LogParser.readMessage(lines.get(i), "app.log", i + 1, p -> {
                        throw new AssertionError(p.toString());
                    })
                    .orElseThrow());
        }
        ParseResult parsed = LogParser.parse(lines);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tasks()).hasSize(REQUESTS).allMatch(ParsedTask::complete);
        List<LogRecord> logs = receiver.logs().stream()
                .filter(l -> l.scope().equals(EliotLogRecords.INSTRUMENTATION_SCOPE))
                .map(OtlpReceiver.ReceivedLog::record)
                .toList();
        return new Run(messages, sorted(parsed.tasks()), logs, requestSpans);
    }

    /** The trees rebuilt from the received records alone. */
    private static List<ParsedTask> rebuilt(List<LogRecord> logs) {
        List<String> lines = new ArrayList<>();
        for (LogRecord r : logs) {
            Map<String, Object> message = EliotLogRecords.toMessage(
                            r.getEventName(), r.getTimeUnixNano(), OtlpReceiver.attributes(r.getAttributesList()))
                    .orElseThrow();
            lines.add(JSON.writeValueAsString(message));
        }
        ParseResult parsed = LogParser.parse(lines);
        assertThat(parsed.problems()).isEmpty();
        return sorted(parsed.tasks());
    }

    private static void assertMapped(LogRecord r, MessageRecord m) {
        Map<String, Object> attributes = OtlpReceiver.attributes(r.getAttributesList());
        assertThat(r.getEventName()).isEqualTo(m.type());
        assertThat(r.getTimeUnixNano()).isEqualTo(m.timestampMicros() * 1000);
        assertThat(attributes.get(EliotLogRecords.TASK_UUID)).isEqualTo(m.taskUuid());
        assertThat(attributes.get(EliotLogRecords.TASK_LEVEL))
                .isEqualTo(m.taskLevel().toPath());
        boolean error = m.actionStatus() == ActionStatus.FAILED || "eliot:traceback".equals(m.messageType());
        assertThat(r.getSeverityNumber())
                .isEqualTo(error ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO);
        assertThat(r.getSeverityText()).isEqualTo(error ? "ERROR" : "INFO");
        if (m.isAction()) {
            assertThat(attributes.get(EliotLogRecords.ACTION_STATUS))
                    .isEqualTo(m.actionStatus().wireName());
            assertThat(r.getBody().getStringValue())
                    .isEqualTo(m.actionType() + " " + m.actionStatus().wireName());
        } else {
            assertThat(attributes).doesNotContainKey(EliotLogRecords.ACTION_STATUS);
            assertThat(r.getBody().getStringValue()).isEqualTo(m.messageType());
        }
        for (String field : m.fields().keySet()) {
            assertThat(attributes.keySet())
                    .as("attributes for field %s", field)
                    .anyMatch(name -> name.equals(field) || name.startsWith(field + "."));
        }
    }

    private static String key(LogRecord r) {
        Map<String, Object> attributes = OtlpReceiver.attributes(r.getAttributesList());
        return attributes.get(EliotLogRecords.TASK_UUID) + (String) attributes.get(EliotLogRecords.TASK_LEVEL);
    }

    private static void collectActions(TaskNode node, List<ParsedAction> out) {
        if (node instanceof ParsedAction action) {
            out.add(action);
            action.children().forEach(child -> collectActions(child, out));
        }
    }

    private static List<ParsedTask> sorted(List<ParsedTask> tasks) {
        return tasks.stream().sorted(Comparator.comparing(ParsedTask::taskUuid)).toList();
    }
}
