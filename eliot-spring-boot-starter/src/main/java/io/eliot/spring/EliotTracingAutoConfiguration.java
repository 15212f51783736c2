package io.eliot.spring;

import io.eliot.spring.internal.MicrometerTraceFields;
import io.eliot.spring.internal.OpenTelemetryTraceFields;
import io.eliot.spring.internal.TraceFields;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Trace fields ({@code eliot.tracing.trace-fields}, on by default): every Eliot message logged
 * inside a span carries {@code trace_id} and {@code span_id}, read on the logging thread from
 * Micrometer Tracing's {@code Tracer} bean (Brave or the OpenTelemetry bridge) or, without one, from
 * the OpenTelemetry API's {@code Span.current()}. Backs off when neither is on the class path; the
 * fields stop being added when the context closes.
 */
@AutoConfiguration(
        after = EliotAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"
        })
@ConditionalOnBean(EliotDestinations.class)
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotTracingProperties.class)
public class EliotTracingAutoConfiguration {

    /** The property that turns the trace fields off. */
    static final String TRACE_FIELDS = "eliot.tracing.trace-fields";

    /** Micrometer Tracing's current span, whichever bridge provides the tracer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    @ConditionalOnBean(type = "io.micrometer.tracing.Tracer")
    @ConditionalOnBooleanProperty(name = TRACE_FIELDS, matchIfMissing = true)
    static class MicrometerTracing {

        @Bean
        @ConditionalOnMissingBean(name = "eliotTraceFields")
        TraceFields eliotTraceFields(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            return TraceFields.register(new MicrometerTraceFields(tracer.getObject()));
        }
    }

    /** The OpenTelemetry API's current span, when there is no Micrometer Tracing tracer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.opentelemetry.api.trace.Span")
    @ConditionalOnMissingBean(type = "io.micrometer.tracing.Tracer")
    @ConditionalOnBooleanProperty(name = TRACE_FIELDS, matchIfMissing = true)
    static class OpenTelemetryApi {

        @Bean
        @ConditionalOnMissingBean(name = "eliotTraceFields")
        TraceFields eliotTraceFields() {
            return TraceFields.register(new OpenTelemetryTraceFields());
        }
    }
}
