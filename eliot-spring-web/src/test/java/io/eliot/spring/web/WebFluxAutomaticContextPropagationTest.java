package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;

/**
 * The WebFlux decorator with {@code Hooks.enableAutomaticContextPropagation()} (and eliot-core's
 * context-propagation accessor): after a thread hop the request's action is current, with no Eliot
 * code in the handler, and no action stays current on the server's or Reactor's threads afterwards.
 * The global hook is on for this class only.
 */
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxAutomaticContextPropagationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    final RequestLog log = new RequestLog(WebFluxTestApplication.MEMORY::messages);

    @BeforeAll
    static void enableTheHook() {
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void disableTheHook() {
        Hooks.disableAutomaticContextPropagation();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void afterAHopTheRequestActionIsCurrentAndAPlainLogNestsUnderIt() throws Exception {
        HttpResponse<String> response = get("/plain-hop/ada");

        assertThat(response.body()).isEqualTo("hopped ada");
        LoggedAction request = log.awaitRequest("/plain-hop/ada");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  test:after_hop
                """);
        LoggedMessage hop = (LoggedMessage) request.children().get(0);
        assertThat((String) hop.message().get("thread")).startsWith("parallel-");
        assertThat(hop.message().get("current_task")).isEqualTo(request.taskUuid());
        assertThat(hop.message().get("current_level"))
                .isEqualTo(request.taskLevel().toPath());
    }

    @Test
    void theRequestActionIsNotLeftCurrentOnTheServerThreads() throws Exception {
        for (int i = 0; i < 20; i++) {
            get("/plain-hop/n" + i);
        }
        for (int i = 0; i < 20; i++) {
            LoggedAction request = log.awaitRequest("/plain-hop/n" + i);
            assertThat(request.taskLevel().toPath()).isEqualTo("/");
            assertThat(RequestLog.outline(request)).isEqualTo("""
                    http:request succeeded
                      test:after_hop
                    """);
        }

        assertThat(currentActionOnEachServerAndParallelThread())
                .isNotEmpty()
                .allSatisfy(current -> assertThat(current).endsWith(": none"))
                .anySatisfy(current -> assertThat(current).startsWith("reactor-http-"))
                .anySatisfy(current -> assertThat(current).startsWith("parallel-"));
    }

    /**
     * {@code "thread: task uuid"} of the action current on each of Reactor Netty's event-loop threads
     * (the server's) and each thread of {@code Schedulers.parallel()}, checked by a plain task run
     * there; {@code "thread: none"} when none is.
     */
    private static List<String> currentActionOnEachServerAndParallelThread() throws Exception {
        List<Future<String>> checks = new ArrayList<>();
        for (EventExecutor loop : HttpResources.get().onServer(true)) {
            checks.add(loop.submit(WebFluxAutomaticContextPropagationTest::currentActionHere));
        }
        List<Scheduler.Worker> workers = new ArrayList<>();
        for (int i = 0; i < Schedulers.DEFAULT_POOL_SIZE; i++) {
            Scheduler.Worker worker = Schedulers.parallel().createWorker();
            workers.add(worker);
            CompletableFuture<String> check = new CompletableFuture<>();
            worker.schedule(() -> check.complete(currentActionHere()));
            checks.add(check);
        }
        List<String> found = new ArrayList<>();
        for (Future<String> check : checks) {
            found.add(check.get(10, TimeUnit.SECONDS));
        }
        workers.forEach(Scheduler.Worker::dispose);
        return found;
    }

    private static String currentActionHere() {
        return Thread.currentThread().getName() + ": "
                + Eliot.currentAction().map(a -> a.taskUuid()).orElse("none");
    }
}
