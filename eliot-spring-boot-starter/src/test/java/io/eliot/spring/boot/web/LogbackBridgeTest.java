package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.web.RequestLog;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code log.info(...)} inside a request's action becomes an {@code eliot:slf4j} child message,
 * while Eliot also writes every message to SLF4J (an slf4j destination): nothing loops.
 */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eliot.destinations.log.type=slf4j", "eliot.destinations.log.logger-name=eliot.json"})
class LogbackBridgeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MemoryDestination memory;

    RequestLog log;

    @BeforeEach
    void clearLog() {
        memory.clear();
        log = new RequestLog(memory::messages);
    }

    @Test
    void slf4jEventsInsideARequestAreChildMessagesWithLevelLoggerMessageAndKeyValues() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slf4j"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("logged");
        LoggedAction request = log.awaitRequest("/slf4j");
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:slf4j
                  eliot:slf4j
                  eliot:traceback
                """);
        List<MessageRecord> task = request.children().stream()
                .map(c -> ((LoggedMessage) c).message())
                .toList();
        assertThat(task.get(0).fields())
                .containsExactly(
                        Map.entry("log_level", "INFO"),
                        Map.entry("logger", "test.shop"),
                        Map.entry("message", "stock low for tea"),
                        Map.entry("item", "tea"));
        assertThat(task.get(1).fields())
                .containsExactly(
                        Map.entry("log_level", "WARN"),
                        Map.entry("logger", "test.shop"),
                        Map.entry("message", "could not reserve"));
        assertThat(task.get(2).fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "reserved elsewhere");
    }

    @Test
    void eventsOutsideAnyActionAreNotBridged() {
        LoggerFactory.getLogger("test.shop").info("no action here");

        assertThat(log.all()).noneMatch(m -> "no action here".equals(m.get("message")));
    }
}
