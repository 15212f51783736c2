package io.eliot.spring.web;

import static io.eliot.testing.EliotAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import reactor.core.scheduler.Schedulers;

/**
 * A Spring MVC application without Spring Boot, on an embedded Tomcat: the filter registered with
 * the servlet API and configured by its setters, clients built by hand with the interceptors. Each
 * call the test makes inside its task continues in the server, as one tree.
 */
@CaptureLogging
class PlainSpringWebTest {

    private static Tomcat tomcat;
    private static String base;

    @Configuration
    @EnableWebMvc
    @Import(Handlers.class)
    static class PlainApplication {}

    @RestController
    static class Handlers {
        @GetMapping("/stock/{item}")
        String stock(@PathVariable String item) {
            Eliot.log("test:stock_checked", "item", item);
            return "3";
        }

        @GetMapping("/down")
        ResponseEntity<String> down() {
            return ResponseEntity.status(502).body("down");
        }
    }

    @BeforeAll
    static void startTomcat(@TempDir Path dir) throws Exception {
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(PlainApplication.class);

        EliotRequestFilter filter = new EliotRequestFilter();
        filter.setActionType("api:request");
        filter.setResponseHeaderName("x-request-task");
        filter.setExcludePaths(List.of("/health"));

        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", dir.toString());
        Wrapper dispatcher = Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring));
        dispatcher.setLoadOnStartup(1);
        dispatcher.setAsyncSupported(true);
        context.addServletMappingDecoded("/", "dispatcher");
        FilterDef definition = new FilterDef();
        definition.setFilterName("eliot");
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("eliot");
        mapping.addURLPattern("/*");
        mapping.setDispatcher("REQUEST");
        mapping.setDispatcher("ASYNC");
        context.addFilterMap(mapping);
        tomcat.getConnector();
        tomcat.start();
        base = "http://localhost:" + tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void aRestClientCallContinuesTheTaskInTheServer(CapturedLog log) throws Exception {
        RestClient client = RestClient.builder()
                .requestInterceptor(new EliotClientHttpRequestInterceptor())
                .build();

        String stock = Eliot.startTask("test:order")
                .call(() -> client.get()
                        .uri(base + "/stock/tea?color=green")
                        .retrieve()
                        .body(String.class));

        assertThat(stock).isEqualTo("3");
        assertOneTree(log);
        assertThat(log)
                .hasAction("http:client_request")
                .succeeded()
                .withStartFields(Map.of("method", "GET", "uri", base + "/stock/tea"))
                .withEndFields(Map.of("status", 200));
        assertThat(log)
                .hasAction("api:request")
                .withStartFields(Map.of("method", "GET", "path", "/stock/tea"))
                .withEndFields(Map.of("status", 200, "path_template", "/stock/{item}"));
    }

    @Test
    void aRestTemplateCallContinuesTheTaskInTheServer(CapturedLog log) throws Exception {
        RestTemplate template = new RestTemplate();
        template.getInterceptors()
                .add(new EliotClientHttpRequestInterceptor("x-eliot-task-id", "http:client_request", true));

        Eliot.startTask("test:order").run(() -> template.getForObject(base + "/stock/tea?color=green", String.class));

        assertOneTree(log);
        assertThat(log)
                .hasAction("http:client_request")
                .withStartFields(Map.of("uri", base + "/stock/tea?color=green"));
    }

    @Test
    void aWebClientCallContinuesTheTaskInTheServer(CapturedLog log) throws Exception {
        WebClient client =
                WebClient.builder().filter(new EliotExchangeFilterFunction()).build();

        String stock = Eliot.startTask("test:order")
                .call(() -> client.get()
                        .uri(base + "/stock/tea")
                        .retrieve()
                        .bodyToMono(String.class)
                        .block());

        assertThat(stock).isEqualTo("3");
        assertOneTree(log);
    }

    @Test
    void aWebClientCallSubscribedOnAnotherThreadNestsUnderTheActionInItsReactorContext(CapturedLog log)
            throws Exception {
        WebClient client =
                WebClient.builder().filter(new EliotExchangeFilterFunction()).build();
        Action order = Eliot.startTask("test:order");

        // Neither the test thread nor the scheduler's thread has the action current: only the
        // subscriber's Context names it, as a reactive request or @LoggedAction method does.
        String stock = client.get()
                .uri(base + "/stock/tea")
                .retrieve()
                .bodyToMono(String.class)
                .subscribeOn(Schedulers.boundedElastic())
                .contextWrite(reactor.util.context.Context.of("eliot.action", order))
                .block();
        order.finish();

        assertThat(stock).isEqualTo("3");
        assertThat(Eliot.currentAction()).isEmpty();
        assertOneTree(log);
    }

    @Test
    void a5xxFailsTheClientCallAndTheRequestWithHttpServerErrorStatus(CapturedLog log) throws Exception {
        RestClient client = RestClient.builder()
                .requestInterceptor(new EliotClientHttpRequestInterceptor())
                .build();

        Eliot.startTask("test:order")
                .run(() -> client.get()
                        .uri(base + "/down")
                        .exchange(
                                (request, response) -> response.getStatusCode().value()));

        LoggedAction root = awaitRoot(log);
        assertThat(RequestLog.outline(root)).isEqualTo("""
                test:order succeeded
                  http:client_request failed
                    eliot:remote_task failed
                      api:request failed
                """);
        assertThat(log).hasAction("http:client_request").failedWith(HttpServerErrorStatus.class);
        assertThat(log).hasAction("api:request").failedWith(HttpServerErrorStatus.class);
    }

    private static void assertOneTree(CapturedLog log) throws InterruptedException {
        assertThat(RequestLog.outline(awaitRoot(log))).isEqualTo("""
                test:order succeeded
                  http:client_request succeeded
                    eliot:remote_task succeeded
                      api:request succeeded
                        test:stock_checked
                """);
    }

    private static LoggedAction awaitRoot(CapturedLog log) throws InterruptedException {
        String taskUuid =
                LoggedAction.ofType(log.messages(), "test:order").get(0).taskUuid();
        return new RequestLog(log::messages).awaitTask(taskUuid);
    }
}
