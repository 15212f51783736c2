package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.spring.web.RequestLog;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

/**
 * The {@link ReactiveChainApplication} scenario on Reactor Netty: a caller's task continues through
 * a reactive controller, an annotated reactive service, a {@code WebClient} call and a second
 * endpoint, across thread hops, as one complete task. The subclasses run it with and without
 * automatic context propagation.
 */
@CaptureLogging
abstract class ReactiveChainTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The whole task, the same in both styles and with or without automatic propagation. */
    static final String ONE_TASK = """
            test:caller succeeded
              eliot:remote_task succeeded
                http:request succeeded
                  test:order succeeded
                    test:priced
                    http:client_request succeeded
                      eliot:remote_task succeeded
                        http:request succeeded
                          test:shelves succeeded
                            test:shelf
                            test:shelf
                    test:stock_received
                  test:answered
            """;

    @LocalServerPort
    int port;

    /**
     * Calls {@code /{style}/order/tea} inside a new task {@code test:caller}, waits until everything
     * in the task has finished, and returns its root; the task must be complete (no position missing).
     */
    LoggedAction order(String style, CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/" + style + "/order/tea"))
                        .header("x-eliot-task-id", caller.serializeTaskId())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        caller.finish();

        assertThat(response.body()).isEqualTo("2 in stock");
        RequestLog log = new RequestLog(captured::messages);
        LoggedAction root = log.awaitTask(caller.taskUuid());
        assertThat(log.missingPositions(caller.taskUuid())).isEmpty();
        return root;
    }

    /** Asserts {@link #ONE_TASK}, with the service's results and every message after its hop. */
    static void assertOneTask(LoggedAction root) {
        assertThat(RequestLog.outline(root)).isEqualTo(ONE_TASK);
        LoggedAction order = only(root, "test:order");
        assertThat(order.startMessage().fields()).containsExactly(Map.entry("item", "tea"));
        assertThat(order.endMessage().fields()).containsExactly(Map.entry("result", "2 in stock"));
        assertThat(only(root, "test:shelves").endMessage().fields()).containsExactly(Map.entry("count", 2L));
        assertThat(messages(root))
                .as("each message is logged after a publishOn, on a parallel thread")
                .hasSize(5)
                .allSatisfy(m -> assertThat((String) m.message().get("thread")).startsWith("parallel-"));
    }

    @Test
    void theServerIsReactorNetty(@Autowired ReactiveWebServerApplicationContext context) {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }

    @Test
    void theExplicitWayMakesOneCompleteTaskAcrossHopsAndServices(CapturedLog captured) throws Exception {
        assertOneTask(order("explicit", captured));
    }

    /** The one action of {@code type} under {@code root}. */
    static LoggedAction only(LoggedAction root, String type) {
        List<LoggedAction> found = root.descendants().stream()
                .filter(n -> n instanceof LoggedAction a && a.type().equals(type))
                .map(LoggedAction.class::cast)
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** The messages (not actions) under {@code root}, at any depth. */
    static List<LoggedMessage> messages(LoggedAction root) {
        return root.descendants().stream()
                .filter(LoggedMessage.class::isInstance)
                .map(LoggedMessage.class::cast)
                .toList();
    }
}
