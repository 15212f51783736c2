package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.opentelemetry.OpenTelemetryDestination;
import io.opentelemetry.exporter.logging.otlp.internal.logs.OtlpStdoutLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eliot-tree on OTLP JSON log records, as an OpenTelemetry Collector's file exporter stores them:
 * the same trees as from the JSON file written side by side. The records are written by the
 * OpenTelemetry SDK's OTLP JSON stdout exporter (OTEL_LOGS_EXPORTER=experimental-otlp/stdout),
 * which implements the same OTLP JSON file format as the collector's file exporter.
 */
class OtlpJsonTest {

    @TempDir
    Path dir;

    @Test
    void theTreesOfOtlpJsonRecordsAreTheTreesOfTheJsonFile() throws Exception {
        Path log = dir.resolve("app.log");
        Path otlp = dir.resolve("logs.jsonl");
        try (OutputStream out = Files.newOutputStream(otlp)) {
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setLoggerProvider(SdkLoggerProvider.builder()
                            .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpStdoutLogRecordExporter.builder()
                                            .setOutput(out)
                                            .setWrapperJsonObject(true)
                                            .build())
                                    .build())
                            .build())
                    .build();
            JsonFileDestination json = JsonFileDestination.open(log);
            OpenTelemetryDestination otel = OpenTelemetryDestination.create(sdk);
            Eliot.addDestinations(json, otel);
            try {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    try {
                        Eliot.startTask("http:request", "path", "/orders/" + n).run(() -> {
                            Message.log(
                                    "order:received",
                                    "order",
                                    // In name order: the SDK keeps attributes sorted by name.
                                    new TreeMap<>(Map.of(
                                            "id", n, "lines", List.of(1, 2), "customer", Map.of("vip", n % 2 == 0))));
                            Eliot.startAction("db:query", "table", "orders")
                                    .run(() -> Message.log("db:rows", "count", n * 3L, "ratio", n / 4.0));
                            if (n == 3) {
                                throw new IllegalStateException("declined");
                            }
                        });
                    } catch (IllegalStateException expected) {
                        // the task failed, as logged
                    }
                }
            } finally {
                Eliot.removeDestination(json);
                Eliot.removeDestination(otel);
                json.close();
                otel.close();
            }
            sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readAllLines(otlp)).isNotEmpty().allMatch(line -> line.startsWith("{\"resourceLogs\""));
        // Records that Eliot did not write are skipped.
        Files.writeString(
                otlp,
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1581452773000000789\","
                        + "\"body\":{\"stringValue\":\"not Eliot\"}}]}]}]}\n",
                java.nio.file.StandardOpenOption.APPEND);

        Tool.Result fromJson = Tool.run("tree", log.toString());
        Tool.Result fromOtlp = Tool.run("tree", otlp.toString());

        assertThat(fromOtlp.stderr()).isEmpty();
        assertThat(fromOtlp.exit()).isEqualTo(EliotTools.OK);
        assertThat(fromJson.stdout()).contains("http:request", "order:received", "db:query", "declined");
        assertThat(fromOtlp.stdout()).isEqualTo(fromJson.stdout());
        // html's page holds the same tasks
        Tool.Result pageOfOtlp = Tool.run("html", otlp.toString());
        assertThat(pageOfOtlp.stderr()).isEmpty();
        assertThat(HtmlPage.tasks(pageOfOtlp.stdout()))
                .isNotEmpty()
                .isEqualTo(HtmlPage.tasks(Tool.run("html", log.toString()).stdout()));
        // prettyprint shows nested values as they were logged (apart from the order of their fields)
        Tool.Result printedJson = Tool.run("prettyprint", log.toString());
        Tool.Result printedOtlp = Tool.run("prettyprint", otlp.toString());
        assertThat(printedOtlp.stderr()).isEmpty();
        assertThat(printedOtlp.stdout()).isEqualTo(printedJson.stdout());
    }

    @Test
    void aRecordWhoseEventNameWasDroppedTakesItsTypeFromTheBody() throws Exception {
        Path otlp = dir.resolve("logs.jsonl");
        String attributes = "\"attributes\":[{\"key\":\"eliot.task_uuid\",\"value\":{\"stringValue\":\"u-1\"}},"
                + "{\"key\":\"eliot.task_level\",\"value\":{\"stringValue\":\"/%s\"}}%s]";
        String status = ",{\"key\":\"eliot.action_status\",\"value\":{\"stringValue\":\"%s\"}}";
        Files.writeString(
                otlp,
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":["
                        + "{\"timeUnixNano\":\"1581452773000000000\",\"body\":{\"stringValue\":\"app:job started\"},"
                        + attributes.formatted("1", status.formatted("started")) + "},"
                        + "{\"timeUnixNano\":\"1581452773000001000\",\"body\":{\"stringValue\":\"app:ping\"},"
                        + attributes.formatted("2", "") + "},"
                        + "{\"timeUnixNano\":\"1581452773000002000\",\"body\":{\"stringValue\":\"app:job succeeded\"},"
                        + attributes.formatted("3", status.formatted("succeeded")) + "}"
                        + "]}]}]}\n");

        Tool.Result r = Tool.run("prettyprint", "--compact", otlp.toString());

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout())
                .contains(
                        "action_type=\"app:job\" action_status=\"started\"",
                        "message_type=\"app:ping\"",
                        "action_type=\"app:job\" action_status=\"succeeded\"")
                .doesNotContain("app:job started");
    }
}
