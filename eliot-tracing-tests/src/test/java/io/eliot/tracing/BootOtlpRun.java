package io.eliot.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.opentelemetry.EliotLogRecords;
import io.eliot.opentelemetry.OtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link TracingApplication} on a random port, with Spring Boot's own OpenTelemetry SDK
 * (spring-boot-starter-opentelemetry) exporting logs and traces over OTLP/HTTP (protobuf) to an
 * {@link OtlpReceiver}, and Eliot writing to a {@code type: opentelemetry} destination and a JSON
 * file side by side. One context per subclass (closed after it, so its Eliot destinations go).
 */
@SpringBootTest(
        classes = TracingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.tracing.sampling.probability=1.0",
            "management.otlp.metrics.export.enabled=false",
            "eliot.destinations.otel.type=opentelemetry",
            "eliot.destinations.json.async=false",
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class BootOtlpRun {

    static final int REQUESTS = 100;
    static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static OtlpReceiver receiver;

    @LocalServerPort
    int port;

    @Autowired
    OpenTelemetry openTelemetry;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new OtlpReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.logging.export.otlp.endpoint", () -> receiver.url() + "/v1/logs");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> receiver.url() + "/v1/traces");
        registry.add("eliot.destinations.json.file.path", () -> file().toString());
    }

    static Path file() {
        return dir.resolve("app.log");
    }

    /** What a run logged to the JSON file and what the receiver got. */
    record Run(
            List<MessageRecord> messages,
            List<ParsedTask> expected,
            List<LogRecord> logs,
            List<Span> spans,
            Map<Integer, String> taskOfOrder) {

        /** The trace id of each task's records, which must all agree. */
        String traceOf(String taskUuid) {
            List<String> traces = logs.stream()
                    .filter(r -> taskUuid.equals(attribute(r, EliotLogRecords.TASK_UUID)))
                    .map(r -> HEX.formatHex(r.getTraceId().toByteArray()))
                    .distinct()
                    .toList();
            assertThat(traces).as("the trace of task %s", taskUuid).hasSize(1);
            return traces.get(0);
        }

        /** The server span Boot's observation made for the request of a task. */
        Span serverSpan(String taskUuid) {
            String trace = traceOf(taskUuid);
            List<Span> server = spans.stream()
                    .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                    .filter(s -> HEX.formatHex(s.getTraceId().toByteArray()).equals(trace))
                    .toList();
            assertThat(server).as("the server span of task %s", taskUuid).hasSize(1);
            return server.get(0);
        }
    }

    /** Sends the requests (eight at a time), waits until everything is written and exported. */
    Run run() throws Exception {
        Map<Integer, String> taskOfOrder = new ConcurrentHashMap<>();
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 1; i <= REQUESTS; i++) {
                int id = i;
                done.add(pool.submit(() -> {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/" + id))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(TracingApplication.declined(id) ? 422 : 200);
                    taskOfOrder.put(
                            id,
                            response.headers().firstValue("x-eliot-task-uuid").orElseThrow());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }

        // The request's end message and Boot's server span may come just after the response.
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) openTelemetry;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(file());
            assertThat(LogParser.parse(lines).tasks()).hasSize(REQUESTS).allMatch(ParsedTask::complete);
            assertThat(eliotLogs()).hasSameSizeAs(lines);
            assertThat(receiver.spans().stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER))
                    .hasSize(REQUESTS);
        });
        assertThat(receiver.rejected()).isEmpty();

        List<String> lines = Files.readAllLines(file());
        List<MessageRecord> messages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            messages.add(LogParser.readMessage(lines.get(i), "app.log", i + 1, p -> {
                        throw new AssertionError(p.toString());
                    })
                    .orElseThrow());
        }
        List<ParsedTask> expected = LogParser.buildTasks(messages, (m, why) -> {
            throw new AssertionError(why + ": " + m);
        });
        assertThat(expected).hasSize(REQUESTS).allMatch(ParsedTask::complete);
        assertThat(taskOfOrder.values())
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(ParsedTask::taskUuid).toList());
        return new Run(messages, sorted(expected), eliotLogs(), receiver.spans(), taskOfOrder);
    }

    private static List<LogRecord> eliotLogs() {
        return receiver.logs().stream()
                .filter(l -> l.scope().equals(EliotLogRecords.INSTRUMENTATION_SCOPE))
                .map(OtlpReceiver.ReceivedLog::record)
                .toList();
    }

    /** The trees rebuilt from the received records alone. */
    static List<ParsedTask> rebuilt(List<LogRecord> logs) {
        List<MessageRecord> messages = new ArrayList<>();
        for (LogRecord r : logs) {
            Map<String, Object> message = EliotLogRecords.toMessage(
                            r.getEventName(), r.getTimeUnixNano(), OtlpReceiver.attributes(r.getAttributesList()))
                    .orElseThrow();
            messages.add(LogParser.readMessage(JSON.writeValueAsString(message), "otlp", messages.size() + 1, p -> {
                        throw new AssertionError(p.toString());
                    })
                    .orElseThrow());
        }
        return sorted(LogParser.buildTasks(messages, (m, why) -> {
            throw new AssertionError(why + ": " + m);
        }));
    }

    /** The record carries the message's type, time, task, status and severity, and every field. */
    static void assertMapped(LogRecord r, MessageRecord m) {
        Map<String, Object> attributes = OtlpReceiver.attributes(r.getAttributesList());
        assertThat(r.getEventName()).isEqualTo(m.type());
        assertThat(r.getTimeUnixNano()).isEqualTo(m.timestampMicros() * 1000);
        assertThat(attributes.get(EliotLogRecords.TASK_UUID)).isEqualTo(m.taskUuid());
        assertThat(attributes.get(EliotLogRecords.TASK_LEVEL))
                .isEqualTo(m.taskLevel().toPath());
        boolean error = m.actionStatus() == ActionStatus.FAILED || "eliot:traceback".equals(m.messageType());
        assertThat(r.getSeverityNumber())
                .isEqualTo(error ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO);
        if (m.isAction()) {
            assertThat(attributes.get(EliotLogRecords.ACTION_STATUS))
                    .isEqualTo(m.actionStatus().wireName());
        } else {
            assertThat(attributes).doesNotContainKey(EliotLogRecords.ACTION_STATUS);
        }
        for (String field : m.fields().keySet()) {
            assertThat(attributes.keySet())
                    .as("attributes for field %s", field)
                    .anyMatch(name -> name.equals(field) || name.startsWith(field + "."));
        }
    }

    static String key(LogRecord r) {
        return attribute(r, EliotLogRecords.TASK_UUID) + attribute(r, EliotLogRecords.TASK_LEVEL);
    }

    static String attribute(LogRecord r, String name) {
        return (String) OtlpReceiver.attributes(r.getAttributesList()).get(name);
    }

    static List<ParsedTask> sorted(List<ParsedTask> tasks) {
        return tasks.stream().sorted(Comparator.comparing(ParsedTask::taskUuid)).toList();
    }
}
