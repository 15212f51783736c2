package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.internal.TraceFields;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link EliotTracingAutoConfiguration}: which tracer the trace fields come from, with the real
 * tracers, and that it backs off (nothing registered, messages unchanged) without them.
 */
class EliotTracingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EliotAutoConfiguration.class,
                    EliotTracingAutoConfiguration.class,
                    OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class,
                    NoopTracerAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0")
            .withBean("memory", MemoryDestination.class);

    @Test
    void withMicrometerTracingMessagesInsideASpanCarryItsIdsAndOthersDoNot() {
        AtomicReference<TraceFields> registered = new AtomicReference<>();
        runner.run(context -> {
            assertThat(context).hasSingleBean(TraceFields.class);
            registered.set(context.getBean(TraceFields.class));
            Tracer tracer = context.getBean(Tracer.class);
            MemoryDestination memory = context.getBean(MemoryDestination.class);
            Span span = tracer.nextSpan().name("work").start();
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                Eliot.log("app:inside");
            } finally {
                span.end();
            }
            Eliot.log("app:outside");

            MessageRecord inside = memory.messages().get(0);
            assertThat(inside.get("trace_id")).isEqualTo(span.context().traceId());
            assertThat(inside.get("span_id")).isEqualTo(span.context().spanId());
            assertThat((String) inside.get("trace_id")).matches("[0-9a-f]{32}");
            assertThat(memory.messages().get(1).globalFields()).doesNotContainKeys("trace_id", "span_id");
        });
        assertThat(Eliot.removeContextFields(registered.get()))
                .as("unregistered when the context closed")
                .isFalse();
    }

    @Test
    void withTheOpenTelemetryApiButNoMicrometerTracingTheCurrentOtelSpanIsRead() {
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
                .withConfiguration(
                        AutoConfigurations.of(EliotAutoConfiguration.class, EliotTracingAutoConfiguration.class))
                .withBean("memory", MemoryDestination.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(TraceFields.class);
                    assertThat(context.getBean(TraceFields.class).toString()).contains("OpenTelemetry API");
                    try (SdkTracerProvider provider =
                            SdkTracerProvider.builder().build()) {
                        io.opentelemetry.api.trace.Span span =
                                provider.get("test").spanBuilder("work").startSpan();
                        try (Scope ignored = span.makeCurrent()) {
                            Eliot.log("app:inside");
                        } finally {
                            span.end();
                        }
                        MessageRecord inside = context.getBean(MemoryDestination.class)
                                .messages()
                                .get(0);
                        assertThat(inside.get("trace_id"))
                                .isEqualTo(span.getSpanContext().getTraceId());
                        assertThat(inside.get("span_id"))
                                .isEqualTo(span.getSpanContext().getSpanId());
                    }
                });
    }

    @Test
    void withoutTracingLibrariesNothingIsRegisteredAndMessagesAreUnchanged() {
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("io.micrometer.tracing", "io.opentelemetry"))
                .withConfiguration(
                        AutoConfigurations.of(EliotAutoConfiguration.class, EliotTracingAutoConfiguration.class))
                .withBean("memory", MemoryDestination.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(TraceFields.class);
                    Eliot.log("app:event");
                    assertThat(context.getBean(MemoryDestination.class)
                                    .messages()
                                    .get(0)
                                    .globalFields())
                            .isEmpty();
                });
    }

    @Test
    void theTraceFieldsPropertyTurnsThemOff() {
        runner.withPropertyValues("eliot.tracing.trace-fields=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceFields.class));
        runner.withPropertyValues("eliot.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TraceFields.class));
    }

    @Test
    void anApplicationsOwnEliotTraceFieldsBeanReplacesOurs() {
        runner.withBean("eliotTraceFields", TraceFields.class, () -> TraceFields.register(() -> null))
                .run(context -> assertThat(context).hasSingleBean(TraceFields.class));
    }
}
