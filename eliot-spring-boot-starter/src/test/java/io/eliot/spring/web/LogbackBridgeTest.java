package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
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

    TaskLog log;

    @BeforeEach
    void clearLog() {
        log = new TaskLog(memory);
        log.clear();
    }

    @Test
    void slf4jEventsInsideARequestAreChildMessagesWithLevelLoggerMessageAndKeyValues() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slf4j"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("logged");
        MessageRecord end = log.awaitRequestEnd("/slf4j");
        assertThat(log.lines(end.taskUuid()))
                .containsExactly(
                        "/1 http:request started",
                        "/2 eliot:slf4j",
                        "/3 eliot:slf4j",
                        "/4 eliot:traceback",
                        "/5 http:request succeeded");
        List<MessageRecord> task = log.task(end.taskUuid());
        assertThat(task.get(1).fields())
                .containsExactly(
                        Map.entry("log_level", "INFO"),
                        Map.entry("logger", "test.shop"),
                        Map.entry("message", "stock low for tea"),
                        Map.entry("item", "tea"));
        assertThat(task.get(2).fields())
                .containsExactly(
                        Map.entry("log_level", "WARN"),
                        Map.entry("logger", "test.shop"),
                        Map.entry("message", "could not reserve"));
        assertThat(task.get(3).fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "reserved elsewhere");
    }

    @Test
    void eventsOutsideAnyActionAreNotBridged() {
        LoggerFactory.getLogger("test.shop").info("no action here");

        assertThat(log.all()).noneMatch(m -> "no action here".equals(m.get("message")));
    }
}
