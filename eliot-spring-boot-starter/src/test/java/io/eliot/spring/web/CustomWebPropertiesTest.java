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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The filter as {@code eliot.web.*} configures it: header name, action type, no response header. */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eliot.web.header-name=x-trace-task",
            "eliot.web.action-type=api:request",
            "eliot.web.response-header=false"
        })
class CustomWebPropertiesTest {

    @LocalServerPort
    int port;

    @Autowired
    MemoryDestination memory;

    @Test
    void theConfiguredHeaderContinuesTheTaskUnderTheConfiguredActionTypeWithNoResponseHeader() throws Exception {
        Action caller = Eliot.startTask("test:caller");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello/cy"))
                                .header("X-Trace-Task", caller.serializeTaskId())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        caller.finish();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).isEmpty();
        MessageRecord end = new TaskLog(memory)
                .await(m -> "api:request".equals(m.actionType())
                        && m.taskUuid().equals(caller.taskUuid())
                        && m.actionStatus() == ActionStatus.SUCCEEDED);
        assertThat(TaskLog.line(end)).isEqualTo("/2/2/3 api:request succeeded");
    }
}
