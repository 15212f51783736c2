package io.eliot.spring.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.spring.ChildOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spring Boot application in a child JVM, logging through the starter into an asynchronous
 * file, under load from 16 HTTP clients, stopped with SIGTERM: every request answered has its whole
 * tree in the file.
 */
class SpringShutdownUnderLoadTest {

    private static final int CLIENTS = 16;
    private static final int HELD = 4;
    private static final int ANSWERED_BEFORE_SIGNAL = 300;

    @TempDir
    Path dir;

    /** One answer the clients received. */
    record Answer(int status, String taskUuid, String body, boolean afterSignal) {}

    @Test
    void everyRequestAnsweredBeforeTheProcessExitsHasItsCompleteTreeInTheFile() throws Exception {
        Path log = dir.resolve("app.log");
        Process child = start(log);
        ChildOutput out = new ChildOutput(child);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean signalled = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try {
            int port = Integer.parseInt(out.awaitLine("port ").substring("port ".length()));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            AtomicInteger answered = new AtomicInteger();
            CountDownLatch warmedUp = new CountDownLatch(ANSWERED_BEFORE_SIGNAL);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(thread("client-" + c, () -> {
                    for (int n = 0; ; n++) {
                        if (!send(http, port, "c" + client + "-" + n, false, answers, signalled)) {
                            return; // the server stopped answering
                        }
                        answered.incrementAndGet();
                        warmedUp.countDown();
                    }
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS))
                    .as("the application answers under load")
                    .isTrue();
            for (int h = 0; h < HELD; h++) {
                int held = h;
                clients.add(thread("held-" + h, () -> send(http, port, "held-" + held, true, answers, signalled)));
            }
            out.awaitLine("held " + HELD);

            signalled.set(true);
            child.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the application exits after SIGTERM")
                    .isTrue();
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(30));
            }
        } finally {
            child.destroyForcibly();
            out.join(TimeUnit.SECONDS.toMillis(10));
        }

        List<Answer> created = answers.stream().filter(a -> a.status() == 201).toList();
        assertThat(created)
                .as("every order created reached the application (the task id header)")
                .allMatch(a -> a.taskUuid() != null);
        assertThat(created.stream().filter(a -> a.body().startsWith("order-held-")))
                .as("the held requests were answered during the graceful shutdown")
                .hasSize(HELD)
                .allMatch(Answer::afterSignal);
        assertThat(created.size()).isGreaterThanOrEqualTo(ANSWERED_BEFORE_SIGNAL + HELD);

        ParseResult parsed;
        try (BufferedReader file = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            parsed = LogParser.parse(file, log.toString());
        }
        assertThat(parsed.problems()).as("every line of the file parses").isEmpty();
        Map<String, ParsedTask> tasks =
                parsed.tasks().stream().collect(Collectors.toMap(ParsedTask::taskUuid, Function.identity()));
        System.out.printf(
                "%d orders created, %d of them answered after SIGTERM; %d tasks in the file%n",
                created.size(), created.stream().filter(Answer::afterSignal).count(), tasks.size());
        List<String> incomplete = new ArrayList<>();
        for (Answer answer : created) {
            ParsedTask task = tasks.get(answer.taskUuid());
            String problem = problemWith(task, answer);
            if (problem != null) {
                incomplete.add(
                        answer.body() + (answer.afterSignal() ? " (answered after SIGTERM)" : "") + ": " + problem);
            }
        }
        assertThat(incomplete)
                .as("answered requests (of %s) whose tree in the file is not complete", created.size())
                .isEmpty();
    }

    /** What is wrong with the tree of {@code answer}'s request in the file, or null. */
    private static String problemWith(ParsedTask task, Answer answer) {
        if (task == null) {
            return "no message in the file";
        }
        if (!task.complete() || !(task.root() instanceof ParsedAction request)) {
            return "incomplete task of " + task.messageCount() + " messages";
        }
        if (!request.actionType().equals("http:request") || request.status().orElse(null) != ActionStatus.SUCCEEDED) {
            return "root is " + request.actionType() + " " + request.status();
        }
        List<ParsedAction> places = request.children().stream()
                .filter(n -> n instanceof ParsedAction a && a.actionType().equals("orders:place"))
                .map(ParsedAction.class::cast)
                .toList();
        if (places.size() != 1 || places.get(0).status().orElse(null) != ActionStatus.SUCCEEDED) {
            return "orders:place actions: " + places;
        }
        List<String> inside = places.get(0).children().stream()
                .map(SpringShutdownUnderLoadTest::typeOf)
                .toList();
        List<String> expected = new ArrayList<>(List.of("orders:priced"));
        if (answer.body().startsWith("order-held-")) {
            for (int step = 1; step <= ShutdownApplication.STEPS_AFTER_SHUTDOWN; step++) {
                expected.add("orders:step");
            }
        }
        return inside.equals(expected) ? null : "orders:place holds " + inside;
    }

    private static String typeOf(TaskNode node) {
        return node instanceof ParsedMessage m ? m.message().messageType() : ((ParsedAction) node).actionType();
    }

    /** Sends one order; records the answer; false once the server no longer answers. */
    private static boolean send(
            HttpClient http,
            int port,
            String sku,
            boolean hold,
            ConcurrentLinkedQueue<Answer> answers,
            AtomicBoolean signalled) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/orders?sku=" + sku + "&hold=" + hold))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(
                    response.statusCode(),
                    response.headers().firstValue("x-eliot-task-uuid").orElse(null),
                    response.body(),
                    signalled.get()));
            return response.statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownApplication.class.getName(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--server.shutdown=graceful",
                        "--spring.main.banner-mode=off",
                        "--eliot.destinations.file.file.path=" + log)
                .redirectErrorStream(true)
                .start();
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
