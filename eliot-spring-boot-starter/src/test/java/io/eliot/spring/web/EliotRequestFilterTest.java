package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inbound filter, over real HTTP to an embedded server on a random port. */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eliot.web.exclude-paths=/static/**", "spring.mvc.async.request-timeout=5s"})
class EliotRequestFilterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MemoryDestination memory;

    TaskLog log;

    @BeforeEach
    void clearLog() {
        log = new TaskLog(memory);
        log.clear();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWithASerializedTaskIdContinuesTheCallersTask() throws Exception {
        Action caller = Eliot.startTask("test:caller");
        String taskId = caller.serializeTaskId();

        HttpResponse<String> response = get("/hello/ada", "x-eliot-task-id", taskId);
        caller.finish();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(caller.taskUuid());
        MessageRecord end = log.awaitRequestEnd("/hello/ada");
        log.await(m -> "eliot:remote_task".equals(m.actionType()) && m.actionStatus() == ActionStatus.SUCCEEDED);
        assertThat(log.lines(caller.taskUuid()))
                .containsExactly(
                        "/1 test:caller started",
                        "/2/1 eliot:remote_task started",
                        "/2/2/1 http:request started",
                        "/2/2/2 test:greeting",
                        "/2/2/3 http:request succeeded",
                        "/2/3 eliot:remote_task succeeded",
                        "/3 test:caller succeeded");
        assertThat(end.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 200, "path_template", "/hello/{name}"));
    }

    @Test
    void aRequestWithoutTheHeaderIsANewTaskWithMethodPathAndStatus() throws Exception {
        HttpResponse<String> response = get("/hello/bob");

        MessageRecord end = log.awaitRequestEnd("/hello/bob");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(end.taskUuid());
        assertThat(log.lines(end.taskUuid()))
                .containsExactly("/1 http:request started", "/2 test:greeting", "/3 http:request succeeded");
        MessageRecord start = log.task(end.taskUuid()).get(0);
        assertThat(start.fields()).containsExactly(Map.entry("method", "GET"), Map.entry("path", "/hello/bob"));
    }

    @Test
    void aLoggedActionBeanCalledByTheHandlerNestsUnderTheRequest() throws Exception {
        get("/price/tea");

        MessageRecord end = log.awaitRequestEnd("/price/tea");
        assertThat(log.lines(end.taskUuid()))
                .containsExactly(
                        "/1 http:request started",
                        "/2/1 shop:price started",
                        "/2/2 shop:price succeeded",
                        "/3 http:request succeeded");
        assertThat(end.fields()).containsEntry("path_template", "/price/{item}");
    }

    @Test
    void anInvalidHeaderStartsANewTaskAndRecordsTheRejectionWithAnEscapedExcerpt() throws Exception {
        HttpResponse<String> response = get("/hello/eve", "x-eliot-task-id", "not-a-task-id\"\\");

        assertThat(response.statusCode()).isEqualTo(200);
        MessageRecord end = log.awaitRequestEnd("/hello/eve");
        assertThat(log.lines(end.taskUuid()))
                .containsExactly(
                        "/1 http:request started",
                        "/2 eliot:invalid_task_id",
                        "/3 test:greeting",
                        "/4 http:request succeeded");
        assertThat(log.task(end.taskUuid()).get(1).fields())
                .containsExactly(
                        Map.entry("header", "x-eliot-task-id"),
                        Map.entry(
                                "problem",
                                "invalid serialized task id: it has no '@' between the task uuid and the task level:"
                                        + " \"not-a-task-id\\u0022\\u005c\""));
    }

    @Test
    void twoTaskIdHeadersAreRejected() throws Exception {
        Action caller = Eliot.startTask("test:caller");
        get("/hello/two", "x-eliot-task-id", caller.serializeTaskId(), "X-Eliot-Task-Id", caller.serializeTaskId());
        caller.finish();

        MessageRecord end = log.awaitRequestEnd("/hello/two");
        assertThat(end.taskUuid()).isNotEqualTo(caller.taskUuid());
        assertThat(log.task(end.taskUuid()).get(1).fields())
                .containsEntry("problem", "more than one x-eliot-task-id header");
    }

    @Test
    void anExceptionEscapingTheHandlerFailsTheActionWithThatException() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        MessageRecord end = log.awaitRequestEnd("/boom");
        assertThat(TaskLog.line(end)).isEqualTo("/2 http:request failed");
        assertThat(end.fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "boom");
    }

    @Test
    void a5xxResponseFailsTheActionWithHttpServerErrorStatus() throws Exception {
        HttpResponse<String> response = get("/unavailable");

        assertThat(response.statusCode()).isEqualTo(503);
        MessageRecord end = log.awaitRequestEnd("/unavailable");
        assertThat(TaskLog.line(end)).isEqualTo("/2 http:request failed");
        assertThat(end.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "exception", "io.eliot.spring.web.HttpServerErrorStatus",
                        "reason", "HTTP status 503",
                        "status", 503));
    }

    @Test
    void anExceptionSpringResolvesIntoA5xxFailsTheActionWithThatException() throws Exception {
        HttpResponse<String> response = get("/maintenance");

        assertThat(response.statusCode()).isEqualTo(503);
        MessageRecord end = log.awaitRequestEnd("/maintenance");
        assertThat(TaskLog.line(end)).isEqualTo("/2 http:request failed");
        assertThat(end.fields())
                .containsEntry("exception", "org.springframework.web.server.ResponseStatusException")
                .containsEntry("reason", "503 SERVICE_UNAVAILABLE \"maintenance\"");
    }

    @Test
    void aClientErrorIsASuccessWithItsStatus() throws Exception {
        HttpResponse<String> response = get("/no-such-thing");

        assertThat(response.statusCode()).isEqualTo(404);
        MessageRecord end = log.awaitRequestEnd("/no-such-thing");
        assertThat(TaskLog.line(end)).isEqualTo("/2 http:request succeeded");
        assertThat(end.fields()).containsEntry("status", 404);
    }

    @Test
    void excludedPathsAreNotLogged() throws Exception {
        HttpResponse<String> response = get("/static/logo.txt");
        get("/hello/after-static");
        log.awaitRequestEnd("/hello/after-static");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).isEmpty();
        assertThat(log.all()).noneMatch(m -> "/static/logo.txt".equals(m.get("path")));
    }

    @Test
    void aDeferredResultRequestFinishesWhenTheResponseCompletes() throws Exception {
        HttpResponse<String> response = get("/deferred");

        assertThat(response.body()).isEqualTo("later");
        MessageRecord end = log.awaitRequestEnd("/deferred");
        log.await(m -> "eliot:remote_task".equals(m.actionType())
                && m.taskUuid().equals(end.taskUuid())
                && m.actionStatus() == ActionStatus.SUCCEEDED);
        assertThat(log.lines(end.taskUuid()))
                .containsExactly(
                        "/1 http:request started",
                        "/2/1 eliot:remote_task started",
                        "/2/2 test:deferred_work",
                        "/2/3 eliot:remote_task succeeded",
                        "/3 http:request succeeded");
        assertThat(end.fields()).containsEntry("status", 200);
    }

    @Test
    void aCompletableFutureRequestFinishesAfterItsWork() throws Exception {
        HttpResponse<String> response = get("/future");

        assertThat(response.body()).isEqualTo("future");
        MessageRecord end = log.awaitRequestEnd("/future");
        List<MessageRecord> task = log.task(end.taskUuid());
        MessageRecord work = task.stream()
                .filter(m -> "test:future_work".equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(work.timestampMicros()).isLessThanOrEqualTo(end.timestampMicros());
        assertThat(TaskLog.line(end)).isEqualTo("/3 http:request succeeded");
    }

    @Test
    void aFailedCompletableFutureFailsTheRequest() throws Exception {
        HttpResponse<String> response = get("/future-failure");

        assertThat(response.statusCode()).isEqualTo(500);
        MessageRecord end = log.awaitRequestEnd("/future-failure");
        assertThat(end.actionStatus()).isEqualTo(ActionStatus.FAILED);
        assertThat(end.fields()).containsEntry("exception", "java.lang.IllegalArgumentException");
    }

    @Test
    void aStreamingRequestFinishesWhenTheBodyIsWritten() throws Exception {
        HttpResponse<String> response = get("/stream");

        assertThat(response.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\n");
        MessageRecord end = log.awaitRequestEnd("/stream");
        assertThat(log.awaitLines(end.taskUuid(), 5))
                .containsExactly(
                        "/1 http:request started",
                        "/2/1 eliot:remote_task started",
                        "/2/2 test:streamed",
                        "/2/3 eliot:remote_task succeeded",
                        "/3 http:request succeeded");
        assertThat(end.fields()).containsEntry("status", 200);
    }

    @Test
    void anAsyncMethodCalledFromARequestIsInTheRequestsTask() throws Exception {
        get("/async-service");

        MessageRecord end = log.awaitRequestEnd("/async-service");
        assertThat(log.awaitLines(end.taskUuid(), 5))
                .containsExactly(
                        "/1 http:request started",
                        "/2/1 eliot:remote_task started",
                        "/2/2 test:async_work",
                        "/2/3 eliot:remote_task succeeded",
                        "/3 http:request succeeded");
    }

    @Test
    void theRequestActionIsNotLeftCurrentOnTheServerThread() throws Exception {
        for (int i = 0; i < 20; i++) {
            get("/hello/n" + i);
        }
        for (int i = 0; i < 20; i++) {
            MessageRecord end = log.awaitRequestEnd("/hello/n" + i);
            assertThat(log.lines(end.taskUuid()))
                    .containsExactly("/1 http:request started", "/2 test:greeting", "/3 http:request succeeded");
        }
    }
}
