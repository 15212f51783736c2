package io.eliot.spring.opentelemetry;

import io.eliot.opentelemetry.OpenTelemetryDestination;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.internal.OpenTelemetryDestinationProvider;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Eliot and OpenTelemetry, when eliot-opentelemetry is on the class path: the destination type
 * {@code opentelemetry}, sending through the application's {@link OpenTelemetry} bean (Spring
 * Boot's, with spring-boot-starter-opentelemetry), or {@link GlobalOpenTelemetry} (the Java agent's)
 * when there is none.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass(name = {"io.eliot.opentelemetry.OpenTelemetryDestination", "io.opentelemetry.api.OpenTelemetry"})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
public class EliotOpenTelemetryAutoConfiguration {

    /** Builds destinations of type {@code opentelemetry}. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetryDestinationProvider eliotOpenTelemetryDestinationProvider(
            ObjectProvider<OpenTelemetry> openTelemetry) {
        return (actionSpans, maxOpenSpans) -> OpenTelemetryDestination.builder(
                        openTelemetry.getIfAvailable(GlobalOpenTelemetry::get))
                .actionSpans(actionSpans)
                .maxOpenSpans(maxOpenSpans)
                .build();
    }
}
