package io.eliot.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseProblem;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.EliotDestinations;
import io.eliot.testing.Logged;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sample as its users run it: a real Reactor Netty server on a random port, real HTTP, its real
 * log file, read back as task trees with the test fixtures' {@link LoggedAction}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eliot.destinations.console.type=slf4j")
class WebFluxOrdersApplicationTest {

    private static final Path LOG = createTempDirectory().resolve("orders.log");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The outline of a created order's request (the README shows a real one). */
    static final String CREATE_TREE = """
            http:request/succeeded status=201
              orders:create/succeeded
                pricing:unit_price/succeeded
                  http:client_request/succeeded status=200
                    eliot:remote_task/succeeded
                      http:request/succeeded status=200
                orders:priced
                store:insert_order/succeeded
            """;

    /** The outline of a request to order an SKU the pricing endpoint does not know (in the README too). */
    static final String UNKNOWN_SKU_TREE = """
            http:request/succeeded status=400
              orders:create/failed exception=io.eliot.samples.webflux.UnknownSkuException
                pricing:unit_price/failed exception=io.eliot.samples.webflux.UnknownSkuException
                  http:client_request/succeeded status=404
                    eliot:remote_task/succeeded
                      http:request/succeeded status=404
            """;

    /** The end message's fields an outline shows, in this order. */
    static final List<String> OUTLINE_FIELDS = List.of("status", "count", "exception");

    @DynamicPropertySource
    static void logFile(DynamicPropertyRegistry registry) {
        registry.add("eliot.destinations.log.file.path", LOG::toString);
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("webflux-sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EliotDestinations destinations;

    /** A client the way an outside caller has one: not Boot's builder, so it sends no task id. */
    private WebClient client() {
        return WebClient.create("http://localhost:" + port);
    }

    private ResponseEntity<Order> post(String sku, int quantity) {
        return postLater(sku, quantity).block(WAIT);
    }

    /** POST /orders, sent when subscribed to; the body only when created. */
    private Mono<ResponseEntity<Order>> postLater(String sku, int quantity) {
        return client().post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sku", sku, "quantity", quantity))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.toEntity(Order.class)
                        : response.releaseBody()
                                .thenReturn(ResponseEntity.status(response.statusCode())
                                        .<Order>build()));
    }

    private int status(String path) {
        return client().get()
                .uri(path)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .block(WAIT);
    }

    /**
     * Every message of the log file so far (without a last line still being written); a line that
     * is not a message fails the test.
     */
    private List<MessageRecord> logged() throws Exception {
        destinations.configured().get("log").flush();
        List<ParseProblem> problems = new ArrayList<>();
        List<MessageRecord> messages = new ArrayList<>();
        String text = Files.readString(LOG, StandardCharsets.UTF_8);
        List<String> lines =
                text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            LogParser.readMessage(lines.get(i), LOG.toString(), i + 1, problems::add)
                    .ifPresent(messages::add);
        }
        assertThat(problems).isEmpty();
        return messages;
    }

    /**
     * The outlines of the {@code count} requests to {@code method} {@code path}, once each has
     * finished with everything inside it: the server may log the end of a request after the client
     * has its response.
     */
    private List<String> requests(String method, String path, int count) throws Exception {
        return awaitRequests(method, path, count).stream()
                .map(WebFluxOrdersApplicationTest::outline)
                .toList();
    }

    /** The requests to {@code method} {@code path}, once at least {@code count} have finished with all inside them. */
    private List<LoggedAction> awaitRequests(String method, String path, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<LoggedAction> found = LoggedAction.ofType(logged(), "http:request").stream()
                    .filter(a -> method.equals(a.startMessage().get("method"))
                            && path.equals(a.startMessage().get("path")))
                    .toList();
            if (found.size() >= count && found.stream().allMatch(WebFluxOrdersApplicationTest::finishedWithin)) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " finished requests " + method + " " + path + " not logged within "
                        + WAIT.toSeconds() + " s; found " + found);
            }
            Thread.sleep(20);
        }
    }

    /** The messages of tasks that did not start with a request: work that lost its request's action. */
    private static List<MessageRecord> outsideRequests(List<MessageRecord> messages) {
        Set<String> requestTasks = messages.stream()
                .filter(m -> "http:request".equals(m.actionType())
                        && m.taskLevel().toPath().equals("/1"))
                .map(MessageRecord::taskUuid)
                .collect(Collectors.toSet());
        return messages.stream()
                .filter(m -> !requestTasks.contains(m.taskUuid()))
                .toList();
    }

    private static boolean finishedWithin(LoggedAction action) {
        return action.isFinished()
                && action.descendants().stream()
                        .allMatch(node -> !(node instanceof LoggedAction inner) || inner.isFinished());
    }

    /** {@code action} and its descendants, one a line, indented two spaces per level. */
    private static String outline(LoggedAction action) {
        StringBuilder out = new StringBuilder();
        append(out, action, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Logged node, int depth) {
        out.append("  ".repeat(depth)).append(node.type());
        if (node instanceof LoggedAction action) {
            MessageRecord end = action.endMessage();
            out.append('/').append(end.actionStatus().wireName());
            for (String field : OUTLINE_FIELDS) {
                if (end.fields().containsKey(field)) {
                    out.append(' ')
                            .append(field)
                            .append('=')
                            .append(end.fields().get(field));
                }
            }
            out.append('\n');
            action.children().forEach(child -> append(out, child, depth + 1));
        } else {
            out.append('\n');
        }
    }

    @Test
    void creatingAnOrderIsOneTreeAcrossThreadHopsAndTheWebClientCallBackIntoTheService() throws Exception {
        ResponseEntity<Order> created = post("A-1", 2);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().totalCents()).isEqualTo(560);
        assertThat(requests("POST", "/orders", 1)).contains(CREATE_TREE);
        assertThat(outsideRequests(logged()))
                .as("messages logged outside every request's tree (lost across a thread hop)")
                .isEmpty();
    }

    @Test
    void concurrentOrdersEachKeepTheirOwnTreeAcrossTheThreadHops() throws Exception {
        int orders = 16; // B-2 is ordered only here
        List<ResponseEntity<Order>> created = Flux.range(1, orders)
                .flatMap(quantity -> postLater("B-2", quantity), orders)
                .collectList()
                .block(WAIT);
        assertThat(created)
                .allSatisfy(
                        response -> assertThat(response.getStatusCode().value()).isEqualTo(201));

        List<LoggedAction> trees = awaitRequests("POST", "/orders", orders).stream()
                .filter(request -> "B-2".equals(createOf(request).startMessage().get("sku")))
                .toList();
        assertThat(trees).hasSize(orders).allSatisfy(request -> {
            assertThat(outline(request)).isEqualTo(CREATE_TREE);
            LoggedAction create = createOf(request);
            long quantity = ((Number) create.startMessage().get("quantity")).longValue();
            LoggedMessage priced = (LoggedMessage) create.children().get(1);
            assertThat(priced.type()).isEqualTo("orders:priced");
            assertThat(((Number) priced.message().get("total_cents")).longValue())
                    .isEqualTo(1250L * quantity);
        });
        assertThat(outsideRequests(logged())).isEmpty();
    }

    private static LoggedAction createOf(LoggedAction request) {
        return request.children().stream()
                .filter(child -> child instanceof LoggedAction && child.type().equals("orders:create"))
                .map(LoggedAction.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no orders:create in " + outline(request)));
    }

    @Test
    void aMissingOrderIsANormalNotFoundAndListingLogsTheCount() throws Exception {
        post("A-1", 1);
        assertThat(status("/orders/99")).isEqualTo(404);
        assertThat(status("/orders")).isEqualTo(200);

        assertThat(requests("GET", "/orders/99", 1)).containsExactly("""
                http:request/succeeded status=404
                  orders:find/succeeded
                    store:find_order/succeeded
                """);
        assertThat(requests("GET", "/orders", 1))
                .hasSize(1)
                .allSatisfy(tree -> assertThat(tree)
                        .matches("(?s)http:request/succeeded status=200\n  orders:list/succeeded count=[1-9]\\d*\n"));
    }

    @Test
    void anUnknownSkuFailsThePricingCallAndTheOrderButTheRequestIsAnAnsweredBadRequest() throws Exception {
        assertThat(post("Z-9", 1).getStatusCode().value()).isEqualTo(400);
        assertThat(post("A-1", -1).getStatusCode().value()).isEqualTo(400);

        assertThat(requests("POST", "/orders", 2)).contains(UNKNOWN_SKU_TREE, """
                http:request/succeeded status=400
                  orders:create/failed exception=java.lang.IllegalArgumentException
                """);
    }
}
