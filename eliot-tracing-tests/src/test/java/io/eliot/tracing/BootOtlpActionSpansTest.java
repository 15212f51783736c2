package io.eliot.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.opentelemetry.EliotLogRecords;
import io.eliot.opentelemetry.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The same hundred requests with {@code opentelemetry.action-spans: true}: every action is one span,
 * nested as the actions are, the request's first action inside Boot's server span.
 */
@TestPropertySource(properties = "eliot.destinations.otel.opentelemetry.action-spans=true")
class BootOtlpActionSpansTest extends BootOtlpRun {

    @Test
    void everyActionIsOneSpanNestedAsTheActionsAreInsideTheRequestsServerSpan() throws Exception {
        Run run = run();

        List<ParsedAction> actions = new ArrayList<>();
        run.expected().forEach(task -> collectActions(task.root(), actions));
        Map<String, Span> spans = new HashMap<>();
        for (Span span : run.spans()) {
            Map<String, Object> attributes = OtlpReceiver.attributes(span.getAttributesList());
            if (attributes.get(EliotLogRecords.TASK_UUID) instanceof String uuid) {
                String level = (String) attributes.get(EliotLogRecords.TASK_LEVEL);
                assertThat(spans.put(uuid + actionOf(level), span))
                        .as("one span per action")
                        .isNull();
            }
        }
        assertThat(actions).hasSize(REQUESTS * 3);
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
            Span server = run.serverSpan(action.taskUuid());
            assertThat(span.getTraceId()).isEqualTo(server.getTraceId());
            Span parent = action.taskLevel().depth() == 0
                    ? server
                    : spans.get(action.taskUuid() + action.taskLevel().parent().toPath());
            assertThat(HEX.formatHex(span.getParentSpanId().toByteArray()))
                    .as("the parent of %s (%s)", key, action.actionType())
                    .isEqualTo(HEX.formatHex(parent.getSpanId().toByteArray()));
            if (action.status().orElseThrow() == ActionStatus.FAILED) {
                assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
                assertThat(span.getStatus().getMessage()).startsWith("card declined");
            } else {
                assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
            }
        }
        // Each log record belongs to the span of its action.
        assertThat(run.logs()).hasSize(run.messages().size());
        for (LogRecord r : run.logs()) {
            Span span = spans.get(
                    attribute(r, EliotLogRecords.TASK_UUID) + actionOf(attribute(r, EliotLogRecords.TASK_LEVEL)));
            assertThat(r.getSpanId()).as("the span of %s", key(r)).isEqualTo(span.getSpanId());
        }
        assertThat(rebuilt(run.logs())).isEqualTo(run.expected());
    }

    /** The level of the action a message at {@code messageLevel} belongs to: {@code "/3/1"} → {@code "/3"}. */
    private static String actionOf(String messageLevel) {
        String action = messageLevel.substring(0, messageLevel.lastIndexOf('/'));
        return action.isEmpty() ? "/" : action;
    }

    private static void collectActions(TaskNode node, List<ParsedAction> out) {
        if (node instanceof ParsedAction action) {
            out.add(action);
            action.children().forEach(child -> collectActions(child, out));
        }
    }
}
