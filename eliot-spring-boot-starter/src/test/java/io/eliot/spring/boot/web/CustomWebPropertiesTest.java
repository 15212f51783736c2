package io.eliot.spring.boot.web;

import static io.eliot.testing.EliotAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.spring.web.RequestLog;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
@CaptureLogging
class CustomWebPropertiesTest {

    @LocalServerPort
    int port;

    @Test
    void theConfiguredHeaderContinuesTheTaskUnderTheConfiguredActionTypeWithNoResponseHeader(CapturedLog log)
            throws Exception {
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
        LoggedAction root = new RequestLog(log::messages).awaitTask(caller.taskUuid());
        assertThat(RequestLog.outline(root)).isEqualTo("""
                test:caller succeeded
                  eliot:remote_task succeeded
                    api:request succeeded
                      test:greeting
                """);
        assertThat(log).hasAction("api:request").succeeded().withEndFields(Map.of("status", 200));
        assertThat(LoggedAction.ofType(log.messages(), "api:request")
                        .get(0)
                        .taskLevel()
                        .toPath())
                .isEqualTo("/2/2");
    }
}
