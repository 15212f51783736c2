package io.eliot.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What action spans do beside spans other instrumentation opens around the same methods, as
 * {@code @WithSpan} or {@code @Observed} does (a span started and made current before the method's
 * action starts): two spans per such method; a task's first action nests inside the current span,
 * a nested action inside its enclosing action's span (action spans are never current).
 */
class OtherInstrumentationSpansTest {

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
    void aMethodWithItsOwnSpanAndAnActionIsTwoSpans() throws Exception {
        OpenTelemetryDestination otel =
                OpenTelemetryDestination.builder(sdk).actionSpans(true).build();
        Tracer tracer = sdk.getTracer("instrumentation");
        Eliot.addDestination(otel);
        try {
            Span request = tracer.spanBuilder("request").startSpan();
            try (Scope r = request.makeCurrent()) {
                withSpan(
                        tracer,
                        "outer()",
                        () -> Eliot.startTask("app:outer")
                                .run(() -> withSpan(
                                        tracer,
                                        "inner()",
                                        () -> Eliot.startAction("app:inner").run(() -> {}))));
            } finally {
                request.end();
            }
        } finally {
            Eliot.removeDestination(otel);
            otel.close();
        }

        ExportingSdk.flush(sdk);
        Map<String, io.opentelemetry.proto.trace.v1.Span> byName = new HashMap<>();
        receiver.spans().forEach(s -> byName.put(s.getName(), s));
        assertThat(byName).containsOnlyKeys("request", "outer()", "app:outer", "inner()", "app:inner");
        assertThat(parentOf(byName, "outer()")).isEqualTo("request");
        assertThat(parentOf(byName, "app:outer")).as("a task's first action").isEqualTo("outer()");
        assertThat(parentOf(byName, "inner()"))
                .as("the action's span is not current")
                .isEqualTo("outer()");
        assertThat(parentOf(byName, "app:inner")).as("a nested action").isEqualTo("app:outer");
    }

    private static void withSpan(Tracer tracer, String name, Runnable body) {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope s = span.makeCurrent()) {
            body.run();
        } finally {
            span.end();
        }
    }

    private static String parentOf(Map<String, io.opentelemetry.proto.trace.v1.Span> byName, String name) {
        var parentId = byName.get(name).getParentSpanId();
        return byName.values().stream()
                .filter(s -> s.getSpanId().equals(parentId))
                .map(io.opentelemetry.proto.trace.v1.Span::getName)
                .findFirst()
                .orElse("(none)");
    }
}
