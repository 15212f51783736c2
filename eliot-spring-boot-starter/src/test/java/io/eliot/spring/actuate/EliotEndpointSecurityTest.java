package io.eliot.spring.actuate;

import static io.eliot.spring.actuate.LiveApp.get;
import static io.eliot.spring.actuate.LiveApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eliot.core.Eliot;
import io.eliot.viewer.LivePage;
import io.eliot.viewer.RecentTasks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * With Spring Security (Boot's defaults: every endpoint but health needs a signed-in user), the
 * exposed {@code eliot} endpoint, JSON and page alike, is served only to an authenticated client.
 * Runs in the starter's {@code security-tests} execution, the only one with Spring Security.
 */
class EliotEndpointSecurityTest {

    private static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString("ops:s3cret-pass".getBytes(StandardCharsets.UTF_8));

    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(
                ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null),
                "Spring Security is not on this test execution's class path (the security-tests execution has it)");
        app = LiveApp.start(
                WebApplicationType.SERVLET,
                "--management.endpoints.web.exposure.include=eliot",
                "--spring.security.user.name=ops",
                "--spring.security.user.password=s3cret-pass");
        port = LiveApp.port(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
    }

    @Test
    void anUnauthenticatedClientGetsNeitherTheTasksNorThePage() throws Exception {
        HttpResponse<String> list = get(port, "/actuator/eliot", "Accept", "application/json");
        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(list.body()).doesNotContain("tasks");

        assertThat(get(port, "/actuator/eliot/some-uuid").statusCode()).isEqualTo(401);

        // A browser is sent to the login form (Boot's default), or refused: never the page.
        HttpResponse<String> page = get(port, "/actuator/eliot", "Accept", "text/html");
        assertThat(page.statusCode()).isIn(302, 401);
        if (page.statusCode() == 302) {
            assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
        assertThat(page.body()).isNotEqualTo(LivePage.html("eliot"));
    }

    @Test
    void anAuthenticatedClientGetsTheTasksATaskAndThePage() throws Exception {
        HttpResponse<String> request = get(port, "/work?messages=2", "Authorization", AUTHORIZATION);
        assertThat(request.statusCode()).isEqualTo(200);
        String uuid = request.headers().firstValue("x-eliot-task-uuid").orElseThrow();

        HttpResponse<String> list = get(port, "/actuator/eliot", "Authorization", AUTHORIZATION);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list)).containsKeys("tasks", "stored", "bytes", "max_tasks", "max_bytes");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> get(port, "/actuator/eliot/" + uuid, "Authorization", AUTHORIZATION)
                                .statusCode()
                        == 200);
        assertThat(json(get(port, "/actuator/eliot/" + uuid, "Authorization", AUTHORIZATION)))
                .containsEntry("task_uuid", uuid)
                .containsKey("root");

        HttpResponse<String> page = get(port, "/actuator/eliot", "Accept", "text/html", "Authorization", AUTHORIZATION);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(LivePage.html("eliot"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(LivePage.contentSecurityPolicy());
    }
}
