package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A reactive application with the starter on Reactor Netty: the auto-configured decorator, given
 * {@code eliot.web.*}, continues the caller's task and excludes the configured paths.
 */
@CaptureLogging
@SpringBootTest(
        classes = WebFluxApplicationTest.ReactiveApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=reactive",
            "eliot.web.action-type=api:request",
            "eliot.web.exclude-paths=/ping"
        })
class WebFluxApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MemoryDestination memory;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReactiveRequestContinuesTheCallersTaskAsConfigured(CapturedLog captured) throws Exception {
        Action caller = Eliot.startTask("test:caller");
        HttpResponse<String> response = get("/hello/ada", "x-eliot-task-id", caller.serializeTaskId());
        caller.finish();

        assertThat(response.body()).isEqualTo("hello ada");
        assertThat(response.headers().firstValue("x-eliot-task-uuid")).hasValue(caller.taskUuid());
        LoggedAction root = new RequestLog(captured::messages).awaitTask(caller.taskUuid());
        assertThat(RequestLog.outline(root)).isEqualTo("""
                test:caller succeeded
                  eliot:remote_task succeeded
                    api:request succeeded
                      test:greeting
                """);
        LoggedAction request =
                LoggedAction.ofType(captured.messages(), "api:request").get(0);
        assertThat(request.endMessage().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 200, "path_template", "/hello/{name}"));
    }

    @Test
    void theServerIsReactorNetty(@Autowired ReactiveWebServerApplicationContext context) {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }

    @Test
    void aConfiguredExcludedPathIsNotLogged() throws Exception {
        HttpResponse<String> ping = get("/ping");
        get("/hello/after-ping");
        new RequestLog(memory::messages).awaitAction("api:request", "/hello/after-ping");

        assertThat(ping.body()).isEqualTo("pong");
        assertThat(ping.headers().firstValue("x-eliot-task-uuid")).isEmpty();
        assertThat(memory.messages()).noneMatch(m -> "/ping".equals(m.get("path")));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class ReactiveApplication {
        @Bean
        MemoryDestination memoryDestination() {
            return new MemoryDestination();
        }
    }

    @RestController
    static class Handlers {
        @GetMapping("/hello/{name}")
        Mono<String> hello(@PathVariable String name) {
            Eliot.log("test:greeting", "name", name);
            return Mono.just("hello " + name);
        }

        @GetMapping("/ping")
        Mono<String> ping() {
            return Mono.just("pong");
        }
    }
}
