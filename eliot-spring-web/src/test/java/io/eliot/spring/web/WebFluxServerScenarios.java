package io.eliot.spring.web;

import static io.eliot.testing.EliotAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The WebFlux decorator's scenarios, over real HTTP to a server on a random port: each subclass runs
 * them against {@link WebFluxTestApplication} on one server (annotated {@code @CaptureLogging} and
 * {@code @SpringBootTest}). Tasks the test starts are read from its {@link CapturedLog}; tasks a
 * request starts, from the server's log, emptied before each test (the servers' contexts share it).
 */
abstract class WebFluxServerScenarios {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    final RequestLog log = new RequestLog(WebFluxTestApplication.MEMORY::messages);

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The end messages of the {@code http:request} actions whose start has {@code path}. */
    private List<MessageRecord> endsOf(String path) {
        List<MessageRecord> all = log.all();
        List<MessageRecord> starts = all.stream()
                .filter(m -> "http:request".equals(m.actionType())
                        && m.actionStatus() == ActionStatus.STARTED
                        && path.equals(m.get("path")))
                .toList();
        return all.stream()
                .filter(m -> "http:request".equals(m.actionType()) && m.actionStatus() != ActionStatus.STARTED)
                .filter(m -> starts.stream()
                        .anyMatch(s -> s.taskUuid().equals(m.taskUuid())
                                && s.taskLevel().parent().equals(m.taskLevel().parent())))
                .toList();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        WebFluxTestApplication.MEMORY.clear();
    }

    @Test
    void aRequestWithASerializedTaskIdContinuesTheCallersTask(CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        String taskId = caller.serializeTaskId();

        HttpResponse<String> response = get("/hello/ada", "x-eliot-task-id", taskId);
        caller.finish();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(caller.taskUuid());
        LoggedAction root = new RequestLog(captured::messages).awaitTask(caller.taskUuid());
        assertThat(RequestLog.outline(root)).isEqualTo("""
                test:caller succeeded
                  eliot:remote_task succeeded
                    http:request succeeded
                      test:greeting
                """);
        LoggedAction request =
                LoggedAction.ofType(captured.messages(), "http:request").get(0);
        assertThat(request.startMessage().fields())
                .containsExactly(Map.entry("method", "GET"), Map.entry("path", "/hello/ada"));
        assertThat(request.endMessage().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 200, "path_template", "/hello/{name}"));
        assertThat(request.taskLevel().toPath()).isEqualTo("/2/2");
    }

    @Test
    void aRequestWithoutTheHeaderIsANewTaskWithMethodPathAndStatus() throws Exception {
        HttpResponse<String> response = get("/hello/bob");

        LoggedAction request = log.awaitRequest("/hello/bob");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(request.taskUuid());
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  test:greeting
                """);
        assertThat(request.taskLevel().toPath()).as("the task's root").isEqualTo("/");
        assertThat(request.startMessage().fields())
                .containsExactly(Map.entry("method", "GET"), Map.entry("path", "/hello/bob"));
    }

    @Test
    void theActionInTheReactorContextNestsWorkAfterAThreadHop() throws Exception {
        HttpResponse<String> response = get("/hop/cy");

        assertThat(response.body()).isEqualTo("hopped cy");
        LoggedAction request = log.awaitRequest("/hop/cy");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  test:after_hop
                """);
        LoggedMessage hop = (LoggedMessage) request.children().get(0);
        assertThat((String) hop.message().get("thread")).startsWith("parallel-");
    }

    @Test
    void anInvalidHeaderStartsANewTaskAndRecordsTheRejectionWithAnEscapedExcerpt() throws Exception {
        HttpResponse<String> response = get("/hello/eve", "x-eliot-task-id", "not-a-task-id\"\\");

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedAction request = log.awaitRequest("/hello/eve");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:invalid_task_id
                  test:greeting
                """);
        assertThat(((LoggedMessage) request.children().get(0)).message().fields())
                .containsExactly(
                        Map.entry("header", "x-eliot-task-id"),
                        Map.entry(
                                "problem",
                                "invalid serialized task id: it has no '@' between the task uuid and the task level:"
                                        + " \"not-a-task-id\\u0022\\u005c\""));
    }

    @Test
    void twoTaskIdHeadersAreRejected(CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        get("/hello/two", "x-eliot-task-id", caller.serializeTaskId(), "X-Eliot-Task-Id", caller.serializeTaskId());
        caller.finish();

        LoggedAction request = log.awaitRequest("/hello/two");
        assertThat(request.taskUuid()).isNotEqualTo(caller.taskUuid());
        assertThat(LoggedAction.ofType(captured.messages(), "http:request")).isEmpty();
        assertThat(((LoggedMessage) request.children().get(0)).message().fields())
                .containsEntry("problem", "more than one x-eliot-task-id header");
    }

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentWithoutATaskIdStartsATaskRecordingTheCallersTrace() throws Exception {
        HttpResponse<String> response = get("/hello/tp", "traceparent", TRACEPARENT);

        LoggedAction request = log.awaitRequest("/hello/tp");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(request.taskUuid());
        assertThat(request.taskLevel().toPath()).as("a new task's root").isEqualTo("/");
        assertThat(request.taskUuid()).doesNotContain("4bf92f35");
        assertThat(request.startMessage().fields())
                .containsExactly(
                        Map.entry("method", "GET"),
                        Map.entry("path", "/hello/tp"),
                        Map.entry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"),
                        Map.entry("parent_span_id", "00f067aa0ba902b7"));
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  test:greeting
                """);
    }

    @Test
    void aTraceparentWithATaskIdContinuesTheTaskAndRecordsTheTrace(CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        get("/hello/tpid", "x-eliot-task-id", caller.serializeTaskId(), "traceparent", TRACEPARENT);
        caller.finish();

        new RequestLog(captured::messages).awaitTask(caller.taskUuid());
        LoggedAction request =
                LoggedAction.ofType(captured.messages(), "http:request").get(0);
        assertThat(request.taskLevel().toPath()).isEqualTo("/2/2");
        assertThat(request.startMessage().fields())
                .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("parent_span_id", "00f067aa0ba902b7");
    }

    @Test
    void aMalformedTraceparentIsRecordedEscapedAndNotUsed() throws Exception {
        HttpResponse<String> response =
                get("/hello/badtp", "traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\"");

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedAction request = log.awaitRequest("/hello/badtp");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:invalid_traceparent
                  test:greeting
                """);
        assertThat(request.startMessage().fields()).doesNotContainKeys("trace_id", "parent_span_id");
        assertThat(((LoggedMessage) request.children().get(0)).message().fields())
                .containsExactly(
                        Map.entry("header", "traceparent"),
                        Map.entry(
                                "problem",
                                "invalid traceparent: it is 56 characters long; version 00 has 55:"
                                        + " \"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\\u0022\""));
    }

    @Test
    void twoTraceparentHeadersAreRefused() throws Exception {
        get("/hello/twotp", "traceparent", TRACEPARENT, "Traceparent", TRACEPARENT);

        LoggedAction request = log.awaitRequest("/hello/twotp");
        assertThat(request.startMessage().fields()).doesNotContainKeys("trace_id", "parent_span_id");
        assertThat(((LoggedMessage) request.children().get(0)).message().fields())
                .containsEntry("header", "traceparent")
                .containsEntry("problem", "more than one traceparent header");
    }

    @Test
    void excludedPathsAreNotLogged() throws Exception {
        HttpResponse<String> response = get("/static/logo.txt");
        get("/hello/after-static");
        log.awaitRequest("/hello/after-static");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("logo");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).isEmpty();
        assertThat(log.all()).noneMatch(m -> "/static/logo.txt".equals(m.get("path")));
    }

    @Test
    void aClientErrorIsASuccessWithItsStatus() throws Exception {
        HttpResponse<String> notFound = get("/no-such-thing");
        HttpResponse<String> teapot = get("/teapot");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(teapot.statusCode()).isEqualTo(418);
        LoggedAction missing = log.awaitRequest("/no-such-thing");
        assertThat(RequestLog.outline(missing)).isEqualTo("http:request succeeded\n");
        assertThat(missing.endMessage().fields())
                .as("WebFlux's static resource handler matched /** and found nothing")
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 404, "path_template", "/**"));
        assertThat(log.awaitRequest("/teapot").endMessage().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 418, "path_template", "/teapot"));
    }

    @Test
    void a5xxResponseFailsTheActionWithHttpServerErrorStatus() throws Exception {
        HttpResponse<String> response = get("/unavailable");

        assertThat(response.statusCode()).isEqualTo(503);
        LoggedAction request = log.awaitRequest("/unavailable");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "exception", "io.eliot.core.HttpServerErrorStatus",
                        "reason", "HTTP status 503",
                        "status", 503));
    }

    @Test
    void anExceptionThrownByTheHandlerFailsTheActionOnceWithThatException() throws Exception {
        HttpResponse<String> response = get("/boom");
        HttpResponse<String> later = get("/boom-later");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(later.statusCode()).isEqualTo(500);
        LoggedAction request = log.awaitRequest("/boom");
        assertThat(RequestLog.outline(request)).isEqualTo("http:request failed\n");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "boom");
        assertThat(log.awaitRequest("/boom-later").endMessage().fields())
                .containsEntry("exception", "java.lang.IllegalArgumentException")
                .containsEntry("reason", "boom later");
        Thread.sleep(100);
        assertThat(endsOf("/boom")).hasSize(1);
        assertThat(endsOf("/boom-later")).hasSize(1);
    }

    @Test
    void anExceptionOfAContinuedTaskFailsTheRemoteTaskToo(CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        HttpResponse<String> response = get("/boom", "x-eliot-task-id", caller.serializeTaskId());
        caller.finish();

        assertThat(response.statusCode()).isEqualTo(500);
        LoggedAction root = new RequestLog(captured::messages).awaitTask(caller.taskUuid());
        assertThat(RequestLog.outline(root)).isEqualTo("""
                test:caller succeeded
                  eliot:remote_task failed
                    http:request failed
                """);
        assertThat(captured).hasAction("eliot:remote_task").failedWith(IllegalStateException.class);
    }

    @Test
    void anErrorAWebExceptionHandlerAnswersFailsTheActionOnceWithThatError() throws Exception {
        HttpResponse<String> response = get("/handled");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("handled");
        LoggedAction request = log.awaitRequest("/handled");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", WebFluxTestApplication.HandledException.class.getName())
                .containsEntry("reason", "answered by a WebExceptionHandler");
        Thread.sleep(100);
        assertThat(endsOf("/handled")).hasSize(1);
    }

    @Test
    void anExceptionSpringAnswersWithA5xxFailsTheActionWithThatException() throws Exception {
        HttpResponse<String> response = get("/maintenance");

        assertThat(response.statusCode()).isEqualTo(503);
        LoggedAction request = log.awaitRequest("/maintenance");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "org.springframework.web.server.ResponseStatusException")
                .containsEntry("reason", "503 SERVICE_UNAVAILABLE \"maintenance\"");
    }

    @Test
    void anErrorRaisedByAFilterBeforeTheHandlerFailsTheActionOnce() throws Exception {
        HttpResponse<String> response = get("/filter-error");

        assertThat(response.statusCode()).isEqualTo(500);
        LoggedAction request = log.awaitRequest("/filter-error");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "refused by a filter");
        Thread.sleep(100);
        assertThat(endsOf("/filter-error")).hasSize(1);
    }

    @Test
    void aClientClosingTheConnectionMidResponseFailsTheActionOnce() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /slow-stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            while (!received.toString().contains("chunk 2")) {
                int b = in.read();
                assertThat(b).as("the stream ended early: " + received).isNotNegative();
                received.append((char) b);
            }
        }

        LoggedAction request = log.awaitRequest("/slow-stream");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "java.util.concurrent.CancellationException")
                .containsEntry("reason", EliotHttpHandlerDecorator.CANCELLED);
        Thread.sleep(300);
        assertThat(endsOf("/slow-stream")).hasSize(1);
    }

    @Test
    void aCompleteResponseOnAConnectionTheServerClosesSucceeds() throws Exception {
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream()
                    .write("GET /hello/closing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(answer).startsWith("HTTP/1.1 200").contains("hello closing");
        LoggedAction request = log.awaitRequest("/hello/closing");
        assertThat(RequestLog.outline(request)).isEqualTo("http:request succeeded\n  test:greeting\n");
        Thread.sleep(100);
        assertThat(endsOf("/hello/closing")).hasSize(1);
    }

    @Test
    void theRequestActionIsNotLeftCurrentOnTheServerThreads() throws Exception {
        for (int i = 0; i < 20; i++) {
            get("/hello/n" + i);
        }
        for (int i = 0; i < 20; i++) {
            LoggedAction request = log.awaitRequest("/hello/n" + i);
            assertThat(request.taskLevel().toPath()).isEqualTo("/");
            assertThat(RequestLog.outline(request)).isEqualTo("""
                    http:request succeeded
                      test:greeting
                    """);
        }
    }
}
