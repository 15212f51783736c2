package io.eliot.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What single messages become, sent through the SDK to an OTLP receiver. */
class OpenTelemetryDestinationTest {

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

    /** A value Jackson cannot write: its getter throws. */
    public static final class Broken {
        public String getValue() {
            throw new IllegalStateException("getter failed");
        }
    }

    @Test
    void hostileValuesBecomeMarkersNotExceptions() throws Exception {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        Map<String, Object> deep = nested(400);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cycle", cycle);
        fields.put("broken", new Broken());
        fields.put("huge", "x".repeat(30_000_000));
        fields.put("deep", deep);
        fields.put("deeper", nested(2_000));
        fields.put("nan", Double.NaN);
        fields.put("big", new BigInteger("123456789012345678901234567890"));
        fields.put("nothing", null);
        fields.put("empty", Map.of());
        fields.put("mixed", List.of(1, "one", Map.of("k", 1)));
        MessageRecord message =
                MessageRecord.message(UUID.randomUUID().toString(), TaskLevel.of(1), 1_000_000L, "app:hostile", fields);
        OpenTelemetryDestination otel = OpenTelemetryDestination.create(sdk);

        otel.write(message); // straight to the destination: nothing between it and the values

        ExportingSdk.flush(sdk);
        LogRecord r = receiver.logs().stream()
                .map(OtlpReceiver.ReceivedLog::record)
                .findFirst()
                .orElseThrow();
        Map<String, Object> attributes = OtlpReceiver.attributes(r.getAttributesList());
        assertThat((String) attributes.get("cycle")).startsWith("<not logged: ");
        assertThat((String) attributes.get("broken")).startsWith("<not logged: ");
        assertThat((String) attributes.get("eliot:serialization_failure"))
                .contains("\"field\":\"cycle\"")
                .contains("\"field\":\"broken\"");
        assertThat((String) attributes.get("huge")).hasSize(30_000_000);
        assertThat(attributes).containsEntry("deep." + "d.".repeat(400) + "leaf", 400L);
        assertThat((String) attributes.get("deeper")).startsWith("<not logged: "); // taken for a cycle
        assertThat(attributes.get("big")).isEqualTo("123456789012345678901234567890");
        assertThat(attributes.get("nothing")).isEqualTo("null");
        assertThat(attributes.get("empty")).isEqualTo("{}");
        assertThat(attributes.get("mixed")).isEqualTo("[1,\"one\",{\"k\":1}]");
        assertThat(attributes).containsKey("nan");
        assertThat(r.getEventName()).isEqualTo("app:hostile");
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> outer = new HashMap<>();
        Map<String, Object> inner = outer;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            inner.put("d", next);
            inner = next;
        }
        inner.put("leaf", depth);
        return outer;
    }

    @Test
    void beyondTheSdksLimitOnAttributesTheEliotOnesAreKept() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            fields.put("a" + i, i); // all sort before "eliot."
        }
        OpenTelemetryDestination otel = OpenTelemetryDestination.create(sdk);

        otel.write(MessageRecord.action(
                "u", TaskLevel.of(1), 0, "app:wide", io.eliot.core.record.ActionStatus.STARTED, fields));

        ExportingSdk.flush(sdk);
        LogRecord r = receiver.logs().get(0).record();
        assertThat(r.getDroppedAttributesCount())
                .as("the SDK's default limit, 128")
                .isEqualTo(303 - 128);
        assertThat(OtlpReceiver.attributes(r.getAttributesList()))
                .containsEntry(EliotLogRecords.TASK_UUID, "u")
                .containsEntry(EliotLogRecords.TASK_LEVEL, "/1")
                .containsEntry(EliotLogRecords.ACTION_STATUS, "started");
    }

    @Test
    void aMessageWithTraceIdAndSpanIdFieldsTakesThatTraceContext() throws Exception {
        OpenTelemetryDestination otel = OpenTelemetryDestination.create(sdk);
        Eliot.addDestination(otel);
        try {
            Message.log(
                    "app:correlated", "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7");
            Message.log("app:uncorrelated");
        } finally {
            Eliot.removeDestination(otel);
        }

        ExportingSdk.flush(sdk);
        Map<String, LogRecord> byType = new HashMap<>();
        receiver.logs().forEach(l -> byType.put(l.record().getEventName(), l.record()));
        LogRecord correlated = byType.get("app:correlated");
        assertThat(HexFormat.of().formatHex(correlated.getTraceId().toByteArray()))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(HexFormat.of().formatHex(correlated.getSpanId().toByteArray()))
                .isEqualTo("00f067aa0ba902b7");
        assertThat(byType.get("app:uncorrelated").getTraceId().isEmpty())
                .as("no current span, no trace")
                .isTrue();
    }

    @Test
    void openActionSpansAreBoundedAndEndedUnfinishedOnClose() throws Exception {
        OpenTelemetryDestination otel = OpenTelemetryDestination.builder(sdk)
                .logs(false)
                .actionSpans(true)
                .maxOpenSpans(2)
                .build();
        Eliot.addDestination(otel);
        try {
            Action outer = Eliot.startTask("app:outer");
            Action middle = outer.startChild("app:middle");
            Action inner = middle.startChild("app:inner");
            inner.finish();
            outer.finish(); // its span was ended when the third opened
        } finally {
            Eliot.removeDestination(otel);
        }
        assertThat(otel.evictedSpans()).isEqualTo(1);
        otel.close();

        ExportingSdk.flush(sdk);
        Map<String, Span> byName = new HashMap<>();
        receiver.spans().forEach(s -> byName.put(s.getName(), s));
        assertThat(byName).containsOnlyKeys("app:outer", "app:middle", "app:inner");
        assertThat(OtlpReceiver.attributes(byName.get("app:outer").getAttributesList()))
                .as("evicted when the third opened")
                .containsEntry("eliot.unfinished", true);
        assertThat(OtlpReceiver.attributes(byName.get("app:middle").getAttributesList()))
                .as("ended by close")
                .containsEntry("eliot.unfinished", true);
        assertThat(OtlpReceiver.attributes(byName.get("app:inner").getAttributesList()))
                .doesNotContainKey("eliot.unfinished")
                .containsEntry(EliotLogRecords.ACTION_STATUS, "succeeded");
        assertThat(receiver.logs()).as("log records off").isEmpty();
    }

    @Test
    void aBuilderWithNeitherLogsNorSpansIsRefused() {
        assertThatThrownBy(() -> OpenTelemetryDestination.builder(sdk)
                        .logs(false)
                        .actionSpans(false)
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OpenTelemetryDestination.builder(sdk).maxOpenSpans(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldsComeBackAsTheyWereLoggedExceptDottedNames() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(EliotLogRecords.TASK_UUID, "u");
        attributes.put(EliotLogRecords.TASK_LEVEL, "/2/1");
        attributes.put(EliotLogRecords.ACTION_STATUS, "started");
        attributes.put("user.id", 7L);
        attributes.put("user.name", "ann");
        attributes.put("tags", List.of("a"));

        Map<String, Object> message = EliotLogRecords.toMessage("app:act", 1_500_000_123_456_789L, attributes)
                .orElseThrow();

        assertThat(message)
                .containsEntry("task_uuid", "u")
                .containsEntry("task_level", List.of(2, 1))
                .containsEntry("timestamp", 1_500_000.123456)
                .containsEntry("action_type", "app:act")
                .containsEntry("action_status", "started")
                .containsEntry("user", Map.of("id", 7L, "name", "ann"))
                .containsEntry("tags", List.of("a"));
        assertThat(EliotLogRecords.toMessage("x", 0, Map.of("other", "attribute")))
                .isEmpty();
        assertThat(EliotLogRecords.toMessage(
                        "x", 0, Map.of(EliotLogRecords.TASK_UUID, "u", EliotLogRecords.TASK_LEVEL, "/0")))
                .isEmpty();
    }

    @Test
    void theEncodersMapperSerializesValuesThatAreNotJsonTypes() throws Exception {
        record Point(int x, int y) {}
        OpenTelemetryDestination otel = OpenTelemetryDestination.builder(sdk)
                .encoder(new JsonLineEncoder())
                .build();
        otel.write(MessageRecord.message(
                UUID.randomUUID().toString(), TaskLevel.of(1), 0, "app:point", Map.of("at", new Point(1, 2))));

        ExportingSdk.flush(sdk);
        LogRecord r = receiver.logs().get(0).record();
        assertThat(OtlpReceiver.attributes(r.getAttributesList()))
                .containsEntry("at.x", 1L)
                .containsEntry("at.y", 2L);
    }
}
