package io.eliot.spring.actuate;

import static io.eliot.spring.actuate.LiveApp.get;
import static io.eliot.spring.actuate.LiveApp.json;
import static io.eliot.spring.actuate.LiveApp.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eliot.core.Eliot;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.EliotDestinations;
import io.eliot.viewer.LivePage;
import io.eliot.viewer.RecentTasks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code eliot} endpoint in a servlet application on a random port: off unless exposed; when
 * exposed, the recent tasks as JSON (filters, one task by the uuid a response carried, 400 and 404),
 * and the page for a client asking for HTML, with its Content-Security-Policy header.
 */
class EliotEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void notExposedTheEndpointIsNotFoundAndNothingIsStored() throws Exception {
        try (ConfigurableApplicationContext app =
                LiveApp.start(WebApplicationType.SERVLET, "--management.endpoints.web.exposure.include=health")) {
            int port = LiveApp.port(app);
            assertThat(get(port, "/work").statusCode()).isEqualTo(200);

            assertThat(get(port, "/actuator/eliot").statusCode()).isEqualTo(404);
            assertThat(get(port, "/actuator/eliot", "Accept", "text/html").statusCode())
                    .isEqualTo(404);
            assertThat(app.getBeanNamesForType(RecentTasks.class)).isEmpty();
            assertThat(app.getBeanNamesForType(EliotEndpoint.class)).isEmpty();
            assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
        }
    }

    @Test
    void aBadPropertyFailsStartupNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveApp.start(
                                WebApplicationType.SERVLET,
                                "--management.endpoints.web.exposure.include=eliot",
                                "--eliot.recent-tasks.failed-and-slow-share=2")
                        .close())
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause()
                .hasMessageContaining("between 0 and 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveApp.start(
                                WebApplicationType.SERVLET,
                                "--management.endpoints.web.exposure.include=eliot",
                                "--eliot.recent-tasks.max-bytes=1KB")
                        .close())
                .cause()
                .satisfies(e -> assertThat(findConfigurationException(e).getProperty())
                        .isEqualTo("eliot.recent-tasks.max-bytes"));
        assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
    }

    private static EliotConfigurationException findConfigurationException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EliotConfigurationException found) {
                return found;
            }
        }
        throw new AssertionError("no EliotConfigurationException in " + e, e);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Exposed {

        ConfigurableApplicationContext app;
        int port;

        @BeforeAll
        void start() {
            app = LiveApp.start(
                    WebApplicationType.SERVLET,
                    "--management.endpoints.web.exposure.include=health,eliot",
                    "--eliot.recent-tasks.max-tasks=500",
                    "--eliot.recent-tasks.max-bytes=4MB");
            port = LiveApp.port(app);
        }

        @AfterAll
        void stop() {
            app.close();
            assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
        }

        private Map<String, Object> list(String query) throws Exception {
            HttpResponse<String> response = get(port, "/actuator/eliot" + query);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json(response);
        }

        /** The uuid the response carried, once its task is stored and finished. */
        private String requestTask(String path) throws Exception {
            HttpResponse<String> response = get(port, path);
            String uuid = response.headers().firstValue("x-eliot-task-uuid").orElseThrow();
            await().atMost(WAIT).until(() -> {
                HttpResponse<String> task = get(port, "/actuator/eliot/" + uuid);
                return task.statusCode() == 200 && !"started".equals(json(task).get("status"));
            });
            return uuid;
        }

        @Test
        void theStoreIsRegisteredBesideTheDefaultDestinations() {
            RecentTasks store = app.getBean(RecentTasks.class);
            assertThat(Eliot.destinations()).contains(store);
            assertThat(store.maxTasks()).isEqualTo(500);
            assertThat(store.maxBytes()).isEqualTo(4L << 20);
            assertThat(app.getBean(EliotDestinations.class).all()).contains(store);
        }

        @Test
        void theListHasTheTasksAndTheStoresSizes() throws Exception {
            String uuid = requestTask("/work?messages=2");

            Map<String, Object> list = list("");

            assertThat(list).containsKeys("tasks", "stored", "bytes", "max_tasks", "max_bytes");
            assertThat(list.get("max_tasks")).isEqualTo(500);
            assertThat(((Number) list.get("max_bytes")).longValue()).isEqualTo(4L << 20);
            assertThat(((Number) list.get("bytes")).longValue()).isPositive().isLessThanOrEqualTo(4L << 20);
            Map<String, Object> task = tasks(list).stream()
                    .filter(t -> uuid.equals(t.get("task_uuid")))
                    .findFirst()
                    .orElseThrow();
            assertThat(task)
                    .containsEntry("type", "http:request")
                    .containsEntry("status", "succeeded")
                    .containsEntry("complete", true)
                    .containsEntry("message_count", 4)
                    .containsKeys("start", "duration", "updated", "dropped_messages")
                    .doesNotContainKey("root");
            // The endpoint's own requests (the page polls it) are not logged.
            assertThat(tasks(list)).allSatisfy(t -> assertThat(t.get("type")).isEqualTo("http:request"));
            assertThat(list("?limit=1000").toString()).doesNotContain("/actuator/eliot");
        }

        @Test
        void theListIsFiltered() throws Exception {
            String failed = requestTask("/fail");
            String ok = requestTask("/work");

            assertThat(tasks(list("?status=failed")))
                    .extracting(t -> t.get("task_uuid"))
                    .contains(failed)
                    .doesNotContain(ok);
            assertThat(tasks(list("?status=succeeded&type=REQUEST")))
                    .extracting(t -> t.get("task_uuid"))
                    .contains(ok)
                    .doesNotContain(failed);
            assertThat(tasks(list("?type=no-such-type"))).isEmpty();
            assertThat(tasks(list("?minDuration=3600"))).isEmpty();
            assertThat(tasks(list("?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z")))
                    .extracting(t -> t.get("task_uuid"))
                    .contains(ok, failed);
            assertThat(tasks(list("?until=2000-01-01T00:00:00Z"))).isEmpty();
            assertThat(tasks(list("?limit=1"))).hasSize(1);
        }

        @Test
        void badParametersGet400WithTheReason() throws Exception {
            for (String query : List.of(
                    "?status=done", "?minDuration=slow", "?since=yesterday", "?until=1", "?limit=0", "?limit=x")) {
                HttpResponse<String> response = get(port, "/actuator/eliot" + query);
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                String parameter = query.substring(1, query.indexOf('='));
                assertThat((String) json(response).get("error")).as(query).startsWith(parameter + " must be");
            }
        }

        @Test
        void theUuidAResponseCarriedFindsThatRequestsTree() throws Exception {
            String uuid = requestTask("/work?messages=3&size=5");

            HttpResponse<String> response = get(port, "/actuator/eliot/" + uuid);

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> task = json(response);
            assertThat(task).containsEntry("task_uuid", uuid).containsEntry("status", "succeeded");
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) task.get("root");
            assertThat(root).containsEntry("action_type", "http:request");
            assertThat(root.get("start_fields").toString()).contains("path=/work");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> children = (List<Map<String, Object>>) root.get("children");
            assertThat(children)
                    .extracting(c -> c.get("message_type"))
                    .containsExactly("work:step", "work:step", "work:step");
        }

        @Test
        void aFailedRequestsTreeHasTheException() throws Exception {
            String uuid = requestTask("/fail");

            Map<String, Object> task = json(get(port, "/actuator/eliot/" + uuid));

            assertThat(task).containsEntry("status", "failed");
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) task.get("root");
            assertThat(root.toString()).contains("broken on purpose");
        }

        @Test
        void secretsAreRedactedAsInEveryDestination() throws Exception {
            String uuid = requestTask("/login?user=ada&password=hunter2");

            String body = get(port, "/actuator/eliot/" + uuid).body();

            assertThat(body).contains("ada", "<redacted>").doesNotContain("hunter2");
        }

        @Test
        void anUnknownTaskIsNotFound() throws Exception {
            HttpResponse<String> response = get(port, "/actuator/eliot/no-such-task");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("no recent task no-such-task");
        }

        @Test
        void anyOrNoAcceptGetsJson() throws Exception {
            for (String[] headers : List.of(
                    new String[0], new String[] {"Accept", "*/*"}, new String[] {"Accept", "application/json"})) {
                HttpResponse<String> response = get(port, "/actuator/eliot", headers);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                        .as(List.of(headers).toString())
                        .contains("json");
                assertThat(json(response)).containsKey("tasks");
            }
        }

        @Test
        void aBrowserGetsThePageWithItsContentSecurityPolicy() throws Exception {
            HttpResponse<String> response = get(
                    port,
                    "/actuator/eliot",
                    "Accept",
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/html");
            assertThat(response.body()).isEqualTo(LivePage.html("eliot"));
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue(LivePage.contentSecurityPolicy());
        }
    }
}
