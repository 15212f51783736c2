package io.eliot.spring.actuate;

import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small application for the live view's tests: handlers that log, fail and log secrets; messages
 * go nowhere but the live view's store (a discarding destination keeps standard output quiet).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LiveApp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Bean
    Destination discard() {
        return message -> {};
    }

    @RestController
    static class Handlers {

        /** Logs {@code messages} messages of {@code size} characters in the request's action. */
        @GetMapping("/work")
        String work(@RequestParam(defaultValue = "1") int messages, @RequestParam(defaultValue = "10") int size) {
            String data = "x".repeat(size);
            for (int i = 0; i < messages; i++) {
                Eliot.log("work:step", "i", i, "data", data);
            }
            return "done";
        }

        @GetMapping("/login")
        String login(@RequestParam String user, @RequestParam String password) {
            Eliot.log("login:attempt", "user", user, "password", password);
            return "hello " + user;
        }

        @GetMapping("/fail")
        String fail() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Starts the application on a random port, servlet or reactive, with {@code args}. */
    static ConfigurableApplicationContext start(WebApplicationType type, String... args) {
        return new SpringApplicationBuilder(LiveApp.class)
                .web(type)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(response.body(), Map.class);
        return map;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tasks(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("tasks");
    }
}
