package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.spring.web.RequestLog;
import io.eliot.testing.LoggedAction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Two services in one JVM, each its own Spring Boot application on a random port: the front calls
 * the back through the auto-configured {@code RestClient.Builder} (or {@code RestTemplateBuilder}, or
 * {@code WebClient.Builder}),
 * and the two logs form one task tree.
 */
class TwoServiceChainTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext back;
    private static ConfigurableApplicationContext front;
    private static RequestLog log;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(BackService.Handlers.class)
    static class BackService {
        @Bean
        MemoryDestination memoryDestination() {
            return new MemoryDestination();
        }

        @RestController
        static class Handlers {
            @GetMapping("/down")
            org.springframework.http.ResponseEntity<String> down() {
                return org.springframework.http.ResponseEntity.status(502).body("down");
            }

            @GetMapping("/stock/{item}")
            String stock() {
                Eliot.log("test:stock_checked", "count", 3);
                return "3";
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(FrontService.Handlers.class)
    static class FrontService {
        @Bean
        MemoryDestination memoryDestination() {
            return new MemoryDestination();
        }

        @RestController
        static class Handlers {
            private final RestClient restClient;
            private final RestTemplate restTemplate;
            private final WebClient webClient;

            Handlers(
                    RestClient.Builder restClients,
                    RestTemplateBuilder restTemplates,
                    WebClient.Builder webClients,
                    @Value("${back.url}") String backUrl) {
                this.restClient = restClients.baseUrl(backUrl).build();
                this.restTemplate = restTemplates.rootUri(backUrl).build();
                this.webClient = webClients.baseUrl(backUrl).build();
            }

            @GetMapping("/order")
            String order() {
                return "in stock: "
                        + restClient
                                .get()
                                .uri("/stock/tea?color=green")
                                .retrieve()
                                .body(String.class);
            }

            @GetMapping("/order-with-rest-template")
            String orderWithRestTemplate() {
                return "in stock: " + restTemplate.getForObject("/stock/tea", String.class);
            }

            @GetMapping("/order-with-web-client")
            String orderWithWebClient() {
                return "in stock: "
                        + webClient
                                .get()
                                .uri("/stock/tea")
                                .retrieve()
                                .bodyToMono(String.class)
                                .block();
            }

            @GetMapping("/order-down")
            String orderDown() {
                try {
                    return restClient.get().uri("/down").retrieve().body(String.class);
                } catch (RuntimeException e) {
                    return "down";
                }
            }

            @GetMapping("/order-missing")
            String orderMissing() {
                try {
                    return restClient.get().uri("/missing").retrieve().body(String.class);
                } catch (RuntimeException e) {
                    return "missing";
                }
            }
        }
    }

    @BeforeAll
    static void startServices() {
        back = new SpringApplicationBuilder(BackService.class)
                .properties("server.port=0", "spring.application.name=back")
                .run();
        String backUrl = "http://localhost:" + back.getEnvironment().getProperty("local.server.port");
        front = new SpringApplicationBuilder(FrontService.class)
                .properties("server.port=0", "spring.application.name=front", "back.url=" + backUrl)
                .run();
        log = new RequestLog(front.getBean(MemoryDestination.class)::messages);
    }

    @AfterAll
    static void stopServices() {
        if (front != null) {
            front.close();
        }
        if (back != null) {
            back.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String port = front.getEnvironment().getProperty("local.server.port");
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallThroughRestClientContinuesTheTaskInTheSecondService() throws Exception {
        HttpResponse<String> response = get("/order");

        assertThat(response.body()).isEqualTo("in stock: 3");
        LoggedAction request = assertOneTreeAcrossBothServices("/order");
        LoggedAction call = (LoggedAction) request.children().get(0);
        String backPort = back.getEnvironment().getProperty("local.server.port");
        assertThat(call.startMessage().fields())
                .containsExactly(
                        Map.entry("method", "GET"), Map.entry("uri", "http://localhost:" + backPort + "/stock/tea"));
        assertThat(call.endMessage().fields()).containsExactly(Map.entry("status", 200));
    }

    @Test
    void aCallThroughRestTemplateContinuesTheTaskInTheSecondService() throws Exception {
        get("/order-with-rest-template");

        assertOneTreeAcrossBothServices("/order-with-rest-template");
    }

    @Test
    void aCallThroughWebClientContinuesTheTaskInTheSecondService() throws Exception {
        HttpResponse<String> response = get("/order-with-web-client");

        assertThat(response.body()).isEqualTo("in stock: 3");
        assertOneTreeAcrossBothServices("/order-with-web-client");
    }

    @Test
    void aClientErrorResponseIsASucceededCallWithItsStatus() throws Exception {
        get("/order-missing");

        LoggedAction request = log.awaitRequest("/order-missing");
        LoggedAction call = (LoggedAction) request.children().get(0);
        assertThat(RequestLog.outline(call)).startsWith("http:client_request succeeded\n");
        assertThat(call.taskLevel().toPath()).isEqualTo("/2");
        assertThat(call.endMessage().fields()).containsExactly(Map.entry("status", 404));
    }

    @Test
    void a5xxResponseFailsTheCallWithHttpServerErrorStatus() throws Exception {
        get("/order-down");

        LoggedAction request = log.awaitRequest("/order-down");
        LoggedAction call = (LoggedAction) request.children().get(0);
        assertThat(RequestLog.outline(call)).startsWith("http:client_request failed\n");
        assertThat(call.endMessage().fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "exception", "io.eliot.core.HttpServerErrorStatus",
                        "reason", "HTTP status 502",
                        "status", 502));
        assertThat(RequestLog.status(request)).isEqualTo("succeeded");
    }

    /**
     * Waits for the request to {@code path} and everything in its task to end, asserts the one
     * tree they form across both services, and returns the request's action.
     */
    private LoggedAction assertOneTreeAcrossBothServices(String path) throws Exception {
        LoggedAction request = log.awaitRequest(path);
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  http:client_request succeeded
                    eliot:remote_task succeeded
                      http:request succeeded
                        test:stock_checked
                """);
        assertThat(request.taskLevel().toPath()).isEqualTo("/");
        return request;
    }
}
