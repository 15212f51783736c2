package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.FlushPolicy;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Many tasks at once from many threads: every position unique, every tree complete, nothing lost. */
class ConcurrencyTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final int TASKS = 10_000;

    /** Messages one task logs, see {@link #oneTask}. */
    private static final int MESSAGES_PER_TASK = 17;

    /**
     * One task: started, a message, a child action holding a message and a piece of work handed to
     * another thread (a remote task with its own action) and a {@code CompletableFuture} run on
     * another thread whose result comes back, a serialized id continued in the same
     * thread, then succeeded.
     */
    private static void oneTask(int i, ExecutorService helpers) throws Exception {
        Eliot.startTask("job", "i", i).run(() -> {
            Message.log("job:received", "i", i);
            Eliot.startAction("job:step").run(() -> {
                Message.log("job:progress");
                helpers.submit(() -> Eliot.startAction("job:helper").run(() -> {}))
                        .get(30, TimeUnit.SECONDS);
                int answer = java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> Eliot.startAction("job:async").call(() -> 40), helpers)
                        .thenApply(n -> n + 2)
                        .get(30, TimeUnit.SECONDS);
                Message.log("job:answer", "answer", answer);
            });
            String id = Eliot.currentAction().orElseThrow().serializeTaskId();
            Eliot.continueTask(id).run(() -> {});
        });
    }

    @Test
    void tenThousandConcurrentTasksFromSixteenThreadsFormCompleteUniqueTrees() throws Exception {
        runAllAndCheck(Executors.newFixedThreadPool(16), Executors.newFixedThreadPool(4));
    }

    @Test
    void tenThousandTasksOnVirtualThreadsFormCompleteUniqueTrees() throws Exception {
        runAllAndCheck(
                CrossThreadTest.newVirtualThreadPerTaskExecutor(), CrossThreadTest.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void everyMessageOfTenThousandConcurrentTasksReachesAnAsyncFileExactlyOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("concurrent.log");
        AsyncDestination async = AsyncDestination.wrap(
                JsonFileDestination.builder(file)
                        .flushPolicy(FlushPolicy.every(Duration.ofMillis(100)))
                        .build(),
                256,
                AsyncDestination.OverflowPolicy.BLOCK);
        Eliot.addDestination(async);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        ExecutorService helpers = Eliot.contextPreserving(Executors.newFixedThreadPool(4));
        try {
            runAll(callers, helpers);
            awaitEnd(helpers); // a helper logs its remote task's end just after handing back the result
        } finally {
            callers.shutdownNow();
            helpers.shutdownNow();
            Eliot.removeDestination(async);
            async.close();
        }

        assertThat(async.dropped()).isZero();
        List<MessageRecord> written = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            written.add(fromJson(json.readTree(line)));
        }
        assertEveryTaskComplete(written);
    }

    /** A line read back into a record: enough of it for the tree checks. */
    private static MessageRecord fromJson(JsonNode line) {
        List<Integer> level = new ArrayList<>();
        line.get("task_level").forEach(n -> level.add(n.asInt()));
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        if (line.has("i")) {
            fields.put("i", line.get("i").asInt());
        }
        String uuid = line.get("task_uuid").asString();
        return line.has("action_type")
                ? MessageRecord.action(
                        uuid,
                        TaskLevel.of(level),
                        0,
                        line.get("action_type").asString(),
                        ActionStatus.fromWireName(line.get("action_status").asString()),
                        fields)
                : MessageRecord.message(
                        uuid, TaskLevel.of(level), 0, line.get("message_type").asString(), fields);
    }

    private void runAllAndCheck(ExecutorService callers, ExecutorService plainHelpers) throws Exception {
        ExecutorService helpers = Eliot.contextPreserving(plainHelpers);
        try {
            runAll(callers, helpers);
            awaitEnd(helpers); // a helper logs its remote task's end just after handing back the result
        } finally {
            callers.shutdownNow();
            helpers.shutdownNow();
        }
        assertEveryTaskComplete(log.messages());
    }

    private static void awaitEnd(ExecutorService helpers) throws InterruptedException {
        helpers.shutdown();
        assertThat(helpers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private static void runAll(ExecutorService callers, ExecutorService helpers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            futures.add(callers.submit(() -> {
                start.await();
                oneTask(n, helpers);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    private static void assertEveryTaskComplete(List<MessageRecord> messages) {
        assertThat(messages).hasSize(TASKS * MESSAGES_PER_TASK);
        Map<String, List<MessageRecord>> tasks = TaskTrees.byTask(messages);
        assertThat(tasks).hasSize(TASKS);
        TaskTrees.assertComplete(messages);
        List<String> expectedShape = List.of(
                "[1] job/started",
                "[2] job:received",
                "[3, 1] job:step/started",
                "[3, 2] job:progress",
                "[3, 3, 1] eliot:remote_task/started",
                "[3, 3, 2, 1] job:helper/started",
                "[3, 3, 2, 2] job:helper/succeeded",
                "[3, 3, 3] eliot:remote_task/succeeded",
                "[3, 4, 1] eliot:remote_task/started",
                "[3, 4, 2, 1] job:async/started",
                "[3, 4, 2, 2] job:async/succeeded",
                "[3, 4, 3] eliot:remote_task/succeeded",
                "[3, 5] job:answer",
                "[3, 6] job:step/succeeded",
                "[4, 1] eliot:remote_task/started",
                "[4, 2] eliot:remote_task/succeeded",
                "[5] job/succeeded");
        assertThat(tasks.values())
                .allSatisfy(task -> assertThat(TaskTrees.render(task)).containsExactlyElementsOf(expectedShape));
        assertThat(tasks.values().stream()
                        .map(task -> task.get(0).fields().get("i"))
                        .distinct())
                .hasSize(TASKS);
    }
}
