package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.Destination;
import io.eliot.opentelemetry.EliotLogRecords;
import io.eliot.opentelemetry.OpenTelemetryDestination;
import io.eliot.spring.internal.EliotConfigurationFailureAnalyzer;
import io.eliot.spring.opentelemetry.EliotOpenTelemetryAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code eliot.destinations.<name>.opentelemetry.*}: log records and spans through the
 * application's {@code OpenTelemetry} bean (a real SDK whose exporters keep what they get).
 */
class OpenTelemetryPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(EliotAutoConfiguration.class, EliotOpenTelemetryAutoConfiguration.class))
            .withUserConfiguration(Sdk.class);

    /** The application's OpenTelemetry, exporting as it goes into lists. */
    @Configuration(proxyBeanMethods = false)
    static class Sdk {
        @Bean
        Collected collected() {
            return new Collected();
        }

        @Bean(destroyMethod = "close")
        OpenTelemetrySdk openTelemetry(Collected collected) {
            return OpenTelemetrySdk.builder()
                    .setLoggerProvider(SdkLoggerProvider.builder()
                            .addLogRecordProcessor(SimpleLogRecordProcessor.create(collected.logs))
                            .build())
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(collected.spans))
                            .build())
                    .build();
        }
    }

    static final class Collected {
        final Logs logs = new Logs();
        final Spans spans = new Spans();
    }

    static final class Logs implements LogRecordExporter {
        final List<LogRecordData> records = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            records.addAll(logs);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    static final class Spans implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> exported) {
            spans.addAll(exported);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    void anOpenTelemetryDestinationSendsThroughTheApplicationsBeanWithActionSpans() {
        runner.withPropertyValues("eliot.destinations.otel.opentelemetry.action-spans=true")
                .run(context -> {
                    Destination otel = context.getBean(EliotDestinations.class)
                            .configured()
                            .get("otel");
                    assertThat(otel).as("never async").isInstanceOf(OpenTelemetryDestination.class);
                    assertThat(context.getBean(OpenTelemetry.class)).isNotNull();
                    Eliot.startTask("app:job").run(() -> Message.log("app:ping", "n", 1));

                    Collected collected = context.getBean(Collected.class);
                    assertThat(collected.logs.records)
                            .extracting(r -> r.getAttributes().get(AttributeKey.stringKey(EliotLogRecords.TASK_LEVEL)))
                            .containsExactly("/1", "/2", "/3");
                    assertThat(collected.spans.spans)
                            .singleElement()
                            .satisfies(span -> assertThat(span.getName()).isEqualTo("app:job"));
                });
    }

    @Test
    void theTypeAloneSendsLogRecordsWithoutSpans() {
        runner.withPropertyValues("eliot.destinations.otel.type=opentelemetry").run(context -> {
            Eliot.startTask("app:job").run(() -> {});

            Collected collected = context.getBean(Collected.class);
            assertThat(collected.logs.records).hasSize(2);
            assertThat(collected.spans.spans).isEmpty();
        });
    }

    @Test
    void asyncOrNoRoomForSpansFailsStartupNamingTheProperty() {
        assertFailsNaming(
                runner,
                "eliot.destinations.otel.async",
                "cannot be true for an opentelemetry destination",
                "eliot.destinations.otel.type=opentelemetry",
                "eliot.destinations.otel.async=true");
        assertFailsNaming(
                runner,
                "eliot.destinations.otel.opentelemetry.max-open-spans",
                "must be positive, was 0",
                "eliot.destinations.otel.opentelemetry.max-open-spans=0");
    }

    @Test
    void withoutEliotOpenTelemetryOnTheClassPathStartupFailsNamingTheProperty() {
        ApplicationContextRunner without = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(EliotAutoConfiguration.class, EliotOpenTelemetryAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.eliot.opentelemetry."));
        assertFailsNaming(
                without,
                "eliot.destinations.otel.type",
                "opentelemetry needs io.eliot:eliot-opentelemetry on the class path",
                "eliot.destinations.otel.type=opentelemetry");
        without.withPropertyValues("eliot.destinations.out.type=stdout")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static void assertFailsNaming(
            ApplicationContextRunner runner, String property, String problem, String... properties) {
        int before = Eliot.destinations().size();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EliotConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysed: %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Property: " + property)
                    .contains(problem);
        });
        assertThat(Eliot.destinations()).as("nothing registered").hasSize(before);
    }
}
