package io.eliot.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.EliotDestinations;
import io.eliot.viewer.RecentTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The sample as its users run it: a real server on a random port, real HTTP, its real log file. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eliot.destinations.console.type=slf4j")
class OrdersApplicationTest {

    private static final Path LOG = SampleHarness.newLogFile();

    @DynamicPropertySource
    static void logFile(DynamicPropertyRegistry registry) {
        registry.add("eliot.destinations.log.file.path", LOG::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EliotDestinations destinations;

    @Autowired
    ApplicationContext applicationContext;

    private RestClient client() {
        return SampleHarness.outsideClient(port);
    }

    private List<ParsedTask> tasks() throws Exception {
        return SampleHarness.loggedTasks(destinations, LOG);
    }

    /** Every task whose request matched {@code method} and {@code path}, each rendered one node a line. */
    private List<List<String>> requests(List<ParsedTask> tasks, String method, String path) {
        List<List<String>> found = new ArrayList<>();
        for (ParsedTask task : tasks) {
            if (task.root() instanceof ParsedAction root
                    && root.startMessage()
                            .map(m -> method.equals(m.fields().get("method"))
                                    && path.equals(m.fields().get("path")))
                            .orElse(false)) {
                assertThat(task.complete())
                        .as("the task of %s %s is complete", method, path)
                        .isTrue();
                List<String> lines = new ArrayList<>();
                render(root, 0, lines);
                found.add(lines);
            }
        }
        return found;
    }

    private static void render(TaskNode node, int depth, List<String> lines) {
        String indent = "  ".repeat(depth);
        if (node instanceof ParsedMessage message) {
            lines.add(indent + message.message().messageType());
        } else if (node instanceof ParsedAction action) {
            String fields =
                    action.endMessage().map(OrdersApplicationTest::outcome).orElse("");
            lines.add(indent + action.actionType() + "/"
                    + action.status().map(s -> s.wireName()).orElse("?") + fields);
            action.children().forEach(child -> render(child, depth + 1, lines));
        }
    }

    private static String outcome(MessageRecord end) {
        Map<String, Object> f = end.fields();
        if (f.containsKey("status")) {
            return " status=" + f.get("status");
        }
        return f.containsKey("exception") ? " " + f.get("exception") : "";
    }

    @Test
    void creatingAnOrderIsOneTreeFromRequestThroughPricingOverHttpToTheDatabase() throws Exception {
        Order order = client().post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "A-1", "quantity", 2))
                .retrieve()
                .body(Order.class);

        assertThat(order.totalCents()).isEqualTo(560);
        assertThat(requests(tasks(), "POST", "/orders"))
                .contains(List.of(
                        "http:request/succeeded status=201",
                        "  orders:create/succeeded",
                        "    pricing:unit_price/succeeded",
                        "      http:client_request/succeeded status=200",
                        "        eliot:remote_task/succeeded",
                        "          http:request/succeeded status=200",
                        "    orders:priced",
                        "    db:insert_order/succeeded"));
    }

    @Test
    void aMissingOrderIsANormalNotFoundAndABadOneAFailedAction() throws Exception {
        assertThat(client().get()
                        .uri("/orders/99")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(client().post()
                        .uri("/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("sku", "A-1", "quantity", -1))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(400);

        List<ParsedTask> tasks = tasks();
        assertThat(requests(tasks, "GET", "/orders/99"))
                .containsExactly(List.of(
                        "http:request/succeeded status=404", "  orders:find/succeeded", "    db:find_order/succeeded"));
        assertThat(requests(tasks, "POST", "/orders"))
                .contains(List.of(
                        "http:request/succeeded status=400",
                        "  orders:create/failed java.lang.IllegalArgumentException"));
    }

    @Test
    void theLiveViewIsNotExposedOutsideTheDevProfile() {
        ResponseEntity<String> live = client().get()
                .uri("/actuator/eliot")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .toEntity(String.class);

        assertThat(live.getStatusCode().value()).isEqualTo(404);
        assertThat(applicationContext.getBeanNamesForType(RecentTasks.class)).isEmpty();
    }
}
