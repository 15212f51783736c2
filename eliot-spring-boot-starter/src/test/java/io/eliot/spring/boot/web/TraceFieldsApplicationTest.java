package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.spring.internal.TraceFields;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A servlet application with Micrometer Tracing (the OpenTelemetry bridge, every request sampled)
 * and Boot's structured logging (ECS) to a file: both files are read back as written. The Eliot
 * messages of a request carry the trace id its span has in the ECS lines, and its ECS lines carry the
 * Eliot task (MDC); a request carrying only a
 * {@code traceparent} starts a new Eliot task that records the caller's trace.
 */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.tracing.sampling.probability=1.0",
            "management.otlp.metrics.export.enabled=false",
            "management.logging.export.otlp.enabled=false",
            "logging.config=classpath:logback-structured-file.xml",
            "logging.structured.format.file=ecs",
            "eliot.destinations.main.file.path=${eliot.test.trace-dir}/eliot.log",
            "eliot.destinations.main.async=false",
            "logging.file.name=${eliot.test.trace-dir}/app.log"
        })
@DirtiesContext
class TraceFieldsApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";

    private static final String DIR_PROPERTY = "eliot.test.trace-dir";

    @TempDir
    static Path dir;

    /**
     * Logging is configured before a {@code @DynamicPropertySource} applies, so the directory is
     * given as a system property, set before the context starts (with the first test) and cleared
     * after; the context is closed after this class, before the directory is deleted.
     */
    @BeforeAll
    static void directory() {
        System.setProperty(DIR_PROPERTY, dir.toString());
    }

    @AfterAll
    static void clearDirectory() {
        System.clearProperty(DIR_PROPERTY);
    }

    @LocalServerPort
    int port;

    @Autowired
    TraceFields traceFields;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON lines of {@code file} once one matches {@code until}. */
    private static List<JsonNode> awaitLines(String file, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> lines = new ArrayList<>();
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    if (line.startsWith("{") && line.endsWith("}")) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
            if (lines.stream().anyMatch(until)) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                String listing;
                try (var files = Files.list(dir)) {
                    listing =
                            files.map(f -> f.getFileName().toString()).toList().toString();
                }
                throw new AssertionError("no line of " + file + " matched; " + lines.size() + " lines; " + listing);
            }
            Thread.sleep(20);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    @Test
    void eliotMessagesInsideARequestCarryTheTraceIdOfItsSpan() throws Exception {
        HttpResponse<String> response = get("/slf4j");
        assertThat(response.body()).isEqualTo("logged");
        String taskUuid = response.headers().firstValue("x-eliot-task-uuid").orElseThrow();

        List<JsonNode> ecs = awaitLines("app.log", l -> "stock low for tea".equals(text(l, "message")));
        JsonNode appLine = ecs.stream()
                .filter(l -> "stock low for tea".equals(text(l, "message")))
                .findFirst()
                .orElseThrow();
        // Boot's ECS format writes the MDC's entries as they are: Micrometer Tracing's traceId and spanId.
        String traceId = text(appLine, "traceId");
        assertThat(traceId).as("ECS line %s", appLine).matches("[0-9a-f]{32}");
        // And Eliot's MDC bridge: the request's task and the level of the action it was logged in.
        JsonNode mdc = appLine.get("eliot");
        assertThat(mdc).as("ECS line %s", appLine).isNotNull();
        assertThat(text(mdc, "task_uuid")).isEqualTo(taskUuid);
        assertThat(text(mdc, "task_level")).as("ECS line %s", appLine).matches("/([0-9]+(/[0-9]+)*)?");

        List<JsonNode> eliot = awaitLines(
                        "eliot.log",
                        l -> taskUuid.equals(text(l, "task_uuid")) && "succeeded".equals(text(l, "action_status")))
                .stream()
                .filter(l -> taskUuid.equals(text(l, "task_uuid")))
                .toList();
        assertThat(eliot).hasSizeGreaterThanOrEqualTo(4); // start, two eliot:slf4j, traceback, end
        assertThat(eliot).allSatisfy(l -> {
            assertThat(text(l, "trace_id")).as("line %s", l).isEqualTo(traceId);
            assertThat(text(l, "span_id")).as("line %s", l).matches("[0-9a-f]{16}");
        });
        assertThat(eliot)
                .filteredOn(l -> "stock low for tea".equals(text(l, "message")))
                .singleElement()
                .satisfies(l -> assertThat(text(l, "span_id")).isEqualTo(text(appLine, "spanId")));
        assertThat(taskUuid).isNotEqualTo(traceId);
    }

    @Test
    void aTraceparentOnlyRequestStartsATaskRecordingTheCallersTrace() throws Exception {
        HttpResponse<String> response =
                get("/hello/tracy", "traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
        String taskUuid = response.headers().firstValue("x-eliot-task-uuid").orElseThrow();

        List<JsonNode> eliot = awaitLines(
                        "eliot.log",
                        l -> taskUuid.equals(text(l, "task_uuid")) && "succeeded".equals(text(l, "action_status")))
                .stream()
                .filter(l -> taskUuid.equals(text(l, "task_uuid")))
                .toList();
        JsonNode start = eliot.get(0);
        assertThat(text(start, "action_type")).isEqualTo("http:request");
        assertThat(text(start, "action_status")).isEqualTo("started");
        assertThat(start.get("task_level").toString()).isEqualTo("[1]");
        assertThat(text(start, "trace_id")).isEqualTo(CALLER_TRACE);
        assertThat(text(start, "parent_span_id")).isEqualTo(CALLER_SPAN);
        assertThat(taskUuid).doesNotContain(CALLER_TRACE.substring(0, 8));
        // Boot's server span continues the caller's trace: the other messages carry it too.
        String serverSpan = text(start, "span_id");
        assertThat(serverSpan).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);
        assertThat(eliot.subList(1, eliot.size())).allSatisfy(l -> {
            assertThat(text(l, "trace_id")).isEqualTo(CALLER_TRACE);
            assertThat(text(l, "span_id")).isEqualTo(serverSpan);
        });
    }

    @Test
    void outsideASpanMessagesCarryNoTraceFields() throws Exception {
        Eliot.log("test:outside_span");

        List<JsonNode> eliot = awaitLines("eliot.log", l -> "test:outside_span".equals(text(l, "message_type")));
        assertThat(eliot)
                .filteredOn(l -> "test:outside_span".equals(text(l, "message_type")))
                .singleElement()
                .satisfies(l -> assertThat(l.has("trace_id")).isFalse());
        assertThat(traceFields.toString()).contains("Micrometer Tracing");
    }
}
