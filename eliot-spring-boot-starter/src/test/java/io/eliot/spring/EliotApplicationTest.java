package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Eliot;
import io.eliot.spring.app.OrdersApplication;
import io.eliot.spring.app.OrdersApplication.OrderService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real application, configured only by its YAML file, writing a real log file. */
@SpringBootTest(classes = OrdersApplication.class, properties = "spring.config.name=eliot-app")
class EliotApplicationTest {

    private static final Path LOG_DIR = createTempDirectory();

    @DynamicPropertySource
    static void logDirectory(DynamicPropertyRegistry registry) {
        registry.add("eliot-test.log-dir", LOG_DIR::toString);
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("eliot-app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    OrderService orders;

    @Autowired
    EliotDestinations destinations;

    private List<JsonNode> logLines() throws Exception {
        destinations.configured().get("main").flush();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG_DIR.resolve("app.log"), StandardCharsets.UTF_8)) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    private static JsonNode find(List<JsonNode> lines, String type, String status) {
        return lines.stream()
                .filter(l -> type.equals(l.path("action_type").asString(null)))
                .filter(l -> status.equals(l.path("action_status").asString(null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + "/" + status + " in " + lines));
    }

    @Test
    void annotatedServiceCallsAreWrittenToTheConfiguredFileWithGlobalFields() throws Exception {
        assertThat(orders.create("A-1", 2, "4111111111111111")).isEqualTo("order-A-1");

        List<JsonNode> lines = logLines();
        JsonNode started = find(lines, "orders:create", "started");
        assertThat(started.get("sku").asString()).isEqualTo("A-1");
        assertThat(started.get("quantity").asInt()).isEqualTo(2);
        assertThat(started.has("cardNumber")).isFalse();
        assertThat(started.get("service").asString()).isEqualTo("orders");
        assertThat(started.get("env").asString()).isEqualTo("test");
        assertThat(started.get("pid").asLong())
                .isEqualTo(ProcessHandle.current().pid());
        JsonNode succeeded = find(lines, "orders:create", "succeeded");
        assertThat(succeeded.get("result").asString()).isEqualTo("order-A-1");
        assertThat(succeeded.get("task_uuid")).isEqualTo(started.get("task_uuid"));
        assertThat(succeeded.get("task_level").toString()).isEqualTo("[3]");
        assertThat(lines.toString()).doesNotContain("4111111111111111");
    }

    @Test
    void configuredExceptionExtractorsAndDefaultRedactionApply() throws Exception {
        assertThatThrownBy(() -> orders.load(42)).isInstanceOf(SQLException.class);
        Eliot.log("auth:login", "user", "ada", "password", "hunter2");

        List<JsonNode> lines = logLines();
        JsonNode failed = find(lines, "orders:load", "failed");
        assertThat(failed.get("exception").asString()).isEqualTo("java.sql.SQLException");
        assertThat(failed.get("SQLState").asString()).isEqualTo("42P01");
        assertThat(failed.get("errorCode").asInt()).isEqualTo(7);
        JsonNode login = lines.stream()
                .filter(l -> "auth:login".equals(l.path("message_type").asString(null)))
                .findFirst()
                .orElseThrow();
        assertThat(login.get("password").asString()).isEqualTo("<redacted>");
    }
}
