package io.eliot.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.opentelemetry.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hundred requests to a Spring Boot application: every Eliot message reaches the OTLP receiver
 * once, through Boot's SDK, inside the request's server span, and the records rebuild the trees of
 * the JSON file.
 */
class BootOtlpLogRecordsTest extends BootOtlpRun {

    @Test
    void everyMessageOfAHundredRequestsArrivesOnceInTheRequestsSpanAndRebuildsTheSameTrees() throws Exception {
        Run run = run();

        assertThat(run.logs()).hasSize(run.messages().size());
        assertThat(run.logs().stream().map(BootOtlpRun::key)).doesNotHaveDuplicates();
        Map<String, MessageRecord> byKey = new HashMap<>();
        run.messages().forEach(m -> byKey.put(m.taskUuid() + m.taskLevel().toPath(), m));
        for (LogRecord r : run.logs()) {
            MessageRecord m = byKey.get(key(r));
            assertThat(m).as("the message of %s", key(r)).isNotNull();
            assertMapped(r, m);
            Span server = run.serverSpan(m.taskUuid());
            assertThat(r.getTraceId()).as("the trace of %s", key(r)).isEqualTo(server.getTraceId());
            assertThat(r.getSpanId()).as("the span of %s", key(r)).isEqualTo(server.getSpanId());
        }
        assertThat(rebuilt(run.logs())).isEqualTo(run.expected());

        // Each request's server span is that of its own path.
        run.taskOfOrder()
                .forEach((id, task) -> assertThat(
                                OtlpReceiver.attributes(run.serverSpan(task).getAttributesList())
                                        .values())
                        .as("the server span of order %d", id)
                        .contains("/orders/" + id));
        // Declined orders: their failed actions are ERROR records.
        long declined = run.taskOfOrder().keySet().stream()
                .filter(TracingApplication::declined)
                .count();
        assertThat(run.messages().stream().filter(m -> m.actionStatus() == ActionStatus.FAILED))
                .extracting(MessageRecord::actionType)
                .containsOnly("shop:place", "payment:charge")
                .hasSize((int) declined * 2);
        assertThat(run.logs().stream().filter(r -> r.getSeverityNumber() == SeverityNumber.SEVERITY_NUMBER_ERROR))
                .hasSize((int) declined * 2);
        // Nested fields flattened into dotted names, lists of one kind as arrays.
        LogRecord received = run.logs().stream()
                .filter(r -> r.getEventName().equals("order:received"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> attributes = OtlpReceiver.attributes(received.getAttributesList());
        assertThat(attributes)
                .containsKeys("order.id", "order.customer.name", "order.customer.vip")
                .containsEntry("order.lines", List.of(1L, 2L, 3L))
                .containsEntry("order.tags", List.of("a", "b"));
    }
}
