package io.eliot.spring.actuate;

import static io.eliot.spring.actuate.LiveApp.get;
import static io.eliot.spring.actuate.LiveApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eliot.core.Eliot;
import io.eliot.viewer.LivePage;
import io.eliot.viewer.RecentTasks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code eliot} endpoint in a WebFlux application on Reactor Netty: JSON, a task by uuid, the page. */
class EliotEndpointWebFluxTest {

    @Test
    void theEndpointServesTasksATaskByTheResponsesUuidAndThePage() throws Exception {
        try (ConfigurableApplicationContext app =
                LiveApp.start(WebApplicationType.REACTIVE, "--management.endpoints.web.exposure.include=eliot")) {
            int port = LiveApp.port(app);
            HttpResponse<String> request = get(port, "/work?messages=2");
            assertThat(request.statusCode()).isEqualTo(200);
            String uuid = request.headers().firstValue("x-eliot-task-uuid").orElseThrow();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                HttpResponse<String> task = get(port, "/actuator/eliot/" + uuid);
                return task.statusCode() == 200 && "succeeded".equals(json(task).get("status"));
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>)
                    json(get(port, "/actuator/eliot/" + uuid)).get("root");
            assertThat(root).containsEntry("action_type", "http:request");

            for (String[] headers : List.of(new String[0], new String[] {"Accept", "*/*"})) {
                HttpResponse<String> list = get(port, "/actuator/eliot?status=succeeded", headers);
                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(list.headers().firstValue("Content-Type").orElseThrow())
                        .contains("json");
                assertThat(LiveApp.tasks(json(list)))
                        .extracting(t -> t.get("task_uuid"))
                        .contains(uuid);
            }
            assertThat(get(port, "/actuator/eliot?limit=-1").statusCode()).isEqualTo(400);
            assertThat(get(port, "/actuator/eliot/unknown").statusCode()).isEqualTo(404);

            HttpResponse<String> page = get(port, "/actuator/eliot", "Accept", "text/html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).isEqualTo(LivePage.html("eliot"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(LivePage.contentSecurityPolicy());
        }
        assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
    }
}
