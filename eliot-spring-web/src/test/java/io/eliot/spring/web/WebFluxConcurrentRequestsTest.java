package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 2,000 requests from 16 concurrent clients to Reactor Netty: every request is exactly one complete
 * task (start, the handler's message, end), counted exactly, with the task uuid its response named.
 */
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxConcurrentRequestsTest {

    private static final int CLIENTS = 16;
    private static final int REQUESTS = 2_000;

    @LocalServerPort
    int port;

    @Test
    void everyOneOf2000ConcurrentRequestsIsExactlyOneCompleteTask() throws Exception {
        Map<String, String> taskByPath = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    HttpClient http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    for (int n = client; n < REQUESTS; n += CLIENTS) {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/load/" + n))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.body()).isEqualTo("ok " + n);
                        taskByPath.put(
                                "/load/" + n,
                                response.headers()
                                        .firstValue("x-eliot-task-uuid")
                                        .orElseThrow());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        long answered = System.nanoTime();
        assertThat(taskByPath).hasSize(REQUESTS);

        List<MessageRecord> load = awaitEnds(taskByPath.values());
        System.out.printf(
                "WebFlux: %d requests from %d clients answered in %d ms%n",
                REQUESTS, CLIENTS, Duration.ofNanos(answered - started).toMillis());

        Map<String, List<MessageRecord>> byTask = load.stream().collect(Collectors.groupingBy(MessageRecord::taskUuid));
        assertThat(byTask).hasSize(REQUESTS);
        for (Map.Entry<String, String> request : taskByPath.entrySet()) {
            List<MessageRecord> task = byTask.get(request.getValue());
            assertThat(task).as(request.getKey()).hasSize(3);
            MessageRecord start = task.stream()
                    .filter(m -> m.actionStatus() == ActionStatus.STARTED)
                    .findFirst()
                    .orElseThrow();
            assertThat(start.get("path")).isEqualTo(request.getKey());
            assertThat(start.taskLevel().toPath()).isEqualTo("/1");
            MessageRecord logged = task.stream()
                    .filter(m -> "test:load".equals(m.messageType()))
                    .findFirst()
                    .orElseThrow();
            assertThat(logged.taskLevel().toPath()).isEqualTo("/2");
            assertThat("/load/" + logged.get("n")).isEqualTo(request.getKey());
            MessageRecord end = task.stream()
                    .filter(m -> m.actionStatus() == ActionStatus.SUCCEEDED)
                    .findFirst()
                    .orElseThrow();
            assertThat(end.taskLevel().toPath()).isEqualTo("/3");
            assertThat(end.get("status")).isEqualTo(200);
        }
    }

    /** Every message of the {@code tasks}, once each of them has its end message (10 s at most). */
    private static List<MessageRecord> awaitEnds(java.util.Collection<String> tasks) throws InterruptedException {
        java.util.Set<String> wanted = java.util.Set.copyOf(tasks);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<MessageRecord> mine = WebFluxTestApplication.MEMORY.messages().stream()
                    .filter(m -> wanted.contains(m.taskUuid()))
                    .toList();
            long ends = mine.stream()
                    .filter(m -> "http:request".equals(m.actionType())
                            && m.actionStatus() != null
                            && m.actionStatus() != ActionStatus.STARTED)
                    .count();
            if (ends >= wanted.size() || System.nanoTime() > deadline) {
                return mine;
            }
            Thread.sleep(20);
        }
    }
}
