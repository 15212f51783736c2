package io.eliot.opentelemetry;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK as an application configures it: batching processors and the OTLP/HTTP
 * (protobuf) exporters, sending to {@code receiver}; never registered as the global instance.
 */
final class ExportingSdk {

    private ExportingSdk() {}

    static OpenTelemetrySdk to(OtlpReceiver receiver) {
        Resource resource = Resource.getDefault()
                .merge(Resource.builder().put("service.name", "eliot-otlp-test").build());
        return OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .setResource(resource)
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                                        .setEndpoint(receiver.url() + "/v1/logs")
                                        .setTimeout(Duration.ofSeconds(10))
                                        .build())
                                .setMaxQueueSize(100_000)
                                .setScheduleDelay(Duration.ofMillis(200))
                                .build())
                        .build())
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(resource)
                        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                        .setEndpoint(receiver.url() + "/v1/traces")
                                        .setTimeout(Duration.ofSeconds(10))
                                        .build())
                                .setMaxQueueSize(100_000)
                                .setScheduleDelay(Duration.ofMillis(200))
                                .build())
                        .build())
                .build();
    }

    /** Exports everything still queued, waiting for the receiver to answer. */
    static void flush(OpenTelemetrySdk sdk) {
        sdk.getSdkLoggerProvider().forceFlush().join(30, TimeUnit.SECONDS);
        sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    }
}
