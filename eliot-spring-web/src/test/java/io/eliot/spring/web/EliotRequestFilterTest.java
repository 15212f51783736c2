package io.eliot.spring.web;

import static io.eliot.testing.EliotAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inbound filter, over real HTTP to an embedded server on a random port. Tasks the test starts
 * are read from its {@link CapturedLog}; tasks a request starts, from the server's log.
 */
@CaptureLogging
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mvc.async.request-timeout=5s"})
class EliotRequestFilterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    final RequestLog log = new RequestLog(WebTestApplication.MEMORY::messages);

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        assertThat(captured)
                .hasAction("http:request")
                .succeeded()
                .withStartFields(Map.of("method", "GET", "path", "/hello/ada"))
                .withEndFields(Map.of("status", 200, "path_template", "/hello/{name}"));
        LoggedAction request =
                LoggedAction.ofType(captured.messages(), "http:request").get(0);
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
    void aLoggedActionBeanCalledByTheHandlerNestsUnderTheRequest() throws Exception {
        get("/price/tea");

        LoggedAction request = log.awaitRequest("/price/tea");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  shop:price succeeded
                """);
        assertThat(request.endMessage().fields()).containsEntry("path_template", "/price/{item}");
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

    @Test
    void anExceptionEscapingTheHandlerFailsTheActionWithThatException() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        LoggedAction request = log.awaitRequest("/boom");
        assertThat(RequestLog.outline(request)).isEqualTo("http:request failed\n");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "boom");
    }

    @Test
    void anExceptionEscapingTheHandlerOfAContinuedTaskFailsTheRemoteTaskToo(CapturedLog captured) throws Exception {
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
    void anExceptionSpringResolvesIntoA5xxFailsTheActionWithThatException() throws Exception {
        HttpResponse<String> response = get("/maintenance");

        assertThat(response.statusCode()).isEqualTo(503);
        LoggedAction request = log.awaitRequest("/maintenance");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields())
                .containsEntry("exception", "org.springframework.web.server.ResponseStatusException")
                .containsEntry("reason", "503 SERVICE_UNAVAILABLE \"maintenance\"");
    }

    @Test
    void aClientErrorIsASuccessWithItsStatus() throws Exception {
        HttpResponse<String> response = get("/no-such-thing");

        assertThat(response.statusCode()).isEqualTo(404);
        LoggedAction request = log.awaitRequest("/no-such-thing");
        assertThat(RequestLog.outline(request)).isEqualTo("http:request succeeded\n");
        assertThat(request.endMessage().fields()).containsEntry("status", 404);
    }

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentWithoutATaskIdStartsATaskRecordingTheCallersTrace() throws Exception {
        HttpResponse<String> response = get("/hello/servlet-tp", "traceparent", TRACEPARENT);

        LoggedAction request = log.awaitRequest("/hello/servlet-tp");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(request.taskUuid());
        assertThat(request.taskLevel().toPath()).as("a new task's root").isEqualTo("/");
        assertThat(request.taskUuid()).doesNotContain("4bf92f35");
        assertThat(request.startMessage().fields())
                .containsExactly(
                        Map.entry("method", "GET"),
                        Map.entry("path", "/hello/servlet-tp"),
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
        get("/hello/servlet-tpid", "x-eliot-task-id", caller.serializeTaskId(), "traceparent", TRACEPARENT);
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
                get("/hello/servlet-badtp", "traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\"");

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedAction request = log.awaitRequest("/hello/servlet-badtp");
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
        get("/hello/servlet-twotp", "traceparent", TRACEPARENT, "Traceparent", TRACEPARENT);

        LoggedAction request = log.awaitRequest("/hello/servlet-twotp");
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
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).isEmpty();
        assertThat(log.all()).noneMatch(m -> "/static/logo.txt".equals(m.get("path")));
    }

    @Test
    void aDeferredResultRequestFinishesWhenTheResponseCompletes() throws Exception {
        HttpResponse<String> response = get("/deferred");

        assertThat(response.body()).isEqualTo("later");
        LoggedAction request = log.awaitRequest("/deferred");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:remote_task succeeded
                    test:deferred_work
                """);
        assertThat(request.endMessage().fields()).containsEntry("status", 200);
    }

    @Test
    void aCompletableFutureRequestFinishesAfterItsWork() throws Exception {
        HttpResponse<String> response = get("/future");

        assertThat(response.body()).isEqualTo("future");
        LoggedAction request = log.awaitRequest("/future");
        MessageRecord work = request.descendants().stream()
                .filter(n -> n instanceof LoggedMessage m && "test:future_work".equals(m.type()))
                .map(n -> ((LoggedMessage) n).message())
                .findFirst()
                .orElseThrow();
        assertThat(work.timestampMicros())
                .isLessThanOrEqualTo(request.endMessage().timestampMicros());
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:remote_task succeeded
                    test:future_work
                """);
    }

    @Test
    void aFailedCompletableFutureFailsTheRequest() throws Exception {
        HttpResponse<String> response = get("/future-failure");

        assertThat(response.statusCode()).isEqualTo(500);
        LoggedAction request = log.awaitRequest("/future-failure");
        assertThat(RequestLog.status(request)).isEqualTo("failed");
        assertThat(request.endMessage().fields()).containsEntry("exception", "java.lang.IllegalArgumentException");
    }

    @Test
    void aStreamingRequestFinishesWhenTheBodyIsWritten() throws Exception {
        HttpResponse<String> response = get("/stream");

        assertThat(response.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\n");
        LoggedAction request = log.awaitRequest("/stream");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:remote_task succeeded
                    test:streamed
                """);
        assertThat(request.endMessage().fields()).containsEntry("status", 200);
    }

    @Test
    void anAsyncMethodCalledFromARequestIsInTheRequestsTask() throws Exception {
        get("/async-service");

        LoggedAction request = log.awaitRequest("/async-service");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:remote_task succeeded
                    test:async_work
                """);
    }

    @Test
    void theRequestActionIsNotLeftCurrentOnTheServerThread() throws Exception {
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
