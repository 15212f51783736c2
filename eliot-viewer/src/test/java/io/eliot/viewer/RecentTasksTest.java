package io.eliot.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.settings.FieldRedaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentTasksTest {

    private static final long T0 = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z in microseconds

    /** A root action with one message inside, finished after {@code durationMillis}. */
    private static void task(RecentTasks store, String uuid, String type, ActionStatus end, long durationMillis) {
        task(store, uuid, type, end, durationMillis, "x");
    }

    private static void task(
            RecentTasks store, String uuid, String type, ActionStatus end, long durationMillis, String payload) {
        store.write(MessageRecord.action(uuid, TaskLevel.of(1), T0, type, ActionStatus.STARTED, Map.of("n", 1)));
        store.write(MessageRecord.message(uuid, TaskLevel.of(2), T0 + 10, "step", Map.of("payload", payload)));
        if (end != null) {
            Map<String, Object> fields = end == ActionStatus.FAILED
                    ? Map.of("exception", "java.lang.IllegalStateException", "reason", "broken")
                    : Map.of();
            store.write(MessageRecord.action(uuid, TaskLevel.of(3), T0 + durationMillis * 1000, type, end, fields));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("tasks");
    }

    private static List<Object> uuids(RecentTasks store) {
        return tasks(store.list(new TaskQuery(null, null, null, null, null, 10_000))).stream()
                .map(t -> t.get("task_uuid"))
                .toList();
    }

    @Test
    void listsTasksNewestFirstWithTheirSummariesAndTheStoresSizes() {
        RecentTasks store = RecentTasks.builder().build();
        task(store, "a", "http:request", ActionStatus.SUCCEEDED, 20);
        task(store, "b", "job:run", ActionStatus.FAILED, 5);
        task(store, "c", "http:request", null, 0);

        Map<String, Object> list = store.list(TaskQuery.ALL);

        assertThat(list).containsKeys("tasks", "stored", "bytes", "max_tasks", "max_bytes");
        assertThat(list.get("stored")).isEqualTo(3);
        assertThat((long) list.get("bytes")).isPositive().isEqualTo(store.bytes());
        assertThat(list.get("max_tasks")).isEqualTo(1_000);
        assertThat(list.get("max_bytes")).isEqualTo(16L << 20);
        assertThat(tasks(list)).extracting(t -> t.get("task_uuid")).containsExactly("c", "b", "a");
        Map<String, Object> a = tasks(list).get(2);
        assertThat(a)
                .containsEntry("type", "http:request")
                .containsEntry("status", "succeeded")
                .containsEntry("complete", true)
                .containsEntry("message_count", 3)
                .containsEntry("start", T0 / 1e6)
                .containsEntry("duration", 0.02)
                .containsEntry("updated", (T0 + 20_000) / 1e6)
                .containsEntry("dropped_messages", 0)
                .doesNotContainKey("root");
        assertThat(tasks(list).get(0)).containsEntry("status", "started").containsEntry("complete", false);
    }

    @Test
    void filtersByStatusTypeDurationAndTime() {
        RecentTasks store = RecentTasks.builder().build();
        task(store, "fast", "http:request", ActionStatus.SUCCEEDED, 20);
        task(store, "slow", "HTTP:Request", ActionStatus.SUCCEEDED, 3_000);
        task(store, "failed", "job:run", ActionStatus.FAILED, 5);
        task(store, "open", "job:run", null, 0);
        store.write(MessageRecord.message("later", TaskLevel.of(1), T0 + 60_000_000, "tick", Map.of()));

        assertThat(query(store, "failed", null, null, null, null)).containsExactly("failed");
        assertThat(query(store, "started", null, null, null, null)).containsExactly("open");
        assertThat(query(store, "succeeded", "request", null, null, null)).containsExactly("slow", "fast");
        assertThat(query(store, null, "JOB", null, null, null)).containsExactly("open", "failed");
        assertThat(query(store, null, null, "2.5", null, null)).containsExactly("slow");
        assertThat(query(store, null, null, "0.005", null, null)).containsExactly("failed", "slow", "fast");
        Instant t0 = Instant.ofEpochSecond(T0 / 1_000_000);
        assertThat(query(store, null, null, null, t0.plusSeconds(30).toString(), null))
                .containsExactly("later");
        assertThat(query(store, null, null, null, t0.plusSeconds(1).toString(), null))
                .containsExactly("later", "slow");
        assertThat(query(store, null, null, null, null, t0.plusSeconds(1).toString()))
                .containsExactly("open", "failed", "slow", "fast");
        assertThat(tasks(store.list(TaskQuery.parse(null, null, null, null, null, "2"))))
                .hasSize(2);
    }

    private static List<Object> query(
            RecentTasks store, String status, String type, String min, String since, String until) {
        return tasks(store.list(TaskQuery.parse(status, type, min, since, until, null))).stream()
                .map(t -> t.get("task_uuid"))
                .toList();
    }

    @Test
    void badQueryValuesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> TaskQuery.parse("done", null, null, null, null, null))
                .hasMessageContaining("status must be one of started, succeeded, failed")
                .hasMessageContaining("'done'");
        assertThatThrownBy(() -> TaskQuery.parse(null, null, "soon", null, null, null))
                .hasMessageContaining("minDuration");
        assertThatThrownBy(() -> TaskQuery.parse(null, null, "-1", null, null, null))
                .hasMessageContaining("minDuration");
        assertThatThrownBy(() -> TaskQuery.parse(null, null, null, "yesterday", null, null))
                .hasMessageContaining("since must be an ISO-8601 instant");
        assertThatThrownBy(() -> TaskQuery.parse(null, null, null, null, "2026-13-01", null))
                .hasMessageContaining("until");
        assertThatThrownBy(() -> TaskQuery.parse(null, null, null, null, null, "0"))
                .hasMessageContaining("limit must be a positive integer");
    }

    @Test
    void oneTaskIsItsTreeAndAnUnknownOneIsEmpty() {
        RecentTasks store = RecentTasks.builder().build();
        task(store, "b", "job:run", ActionStatus.FAILED, 5);

        Map<String, Object> tree = store.task("b").orElseThrow();

        assertThat(tree)
                .containsEntry("task_uuid", "b")
                .containsEntry("status", "failed")
                .containsKey("root");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) tree.get("root");
        assertThat(root)
                .containsEntry("action_type", "job:run")
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "broken");
        assertThat(store.task("nope")).isEmpty();
        assertThat(store.task(null)).isEmpty();
        assertThat(store.parsedTask("b").orElseThrow().messageCount()).isEqualTo(3);
    }

    @Test
    void ordinaryTasksAreEvictedBeforeFailedAndSlowOnesOldestFirst() {
        RecentTasks store = RecentTasks.builder()
                .maxTasks(4)
                .slowThreshold(Duration.ofSeconds(1))
                .failedAndSlowShare(0.5)
                .build();
        task(store, "failed", "job", ActionStatus.FAILED, 5);
        task(store, "o1", "job", ActionStatus.SUCCEEDED, 5);
        task(store, "slow", "job", ActionStatus.SUCCEEDED, 1_500);
        task(store, "o2", "job", ActionStatus.SUCCEEDED, 5);
        task(store, "o3", "job", ActionStatus.SUCCEEDED, 5);
        task(store, "o4", "job", ActionStatus.SUCCEEDED, 5);

        assertThat(uuids(store)).containsExactly("o4", "o3", "slow", "failed");
        assertThat(store.evictedTasks()).isEqualTo(2);
    }

    @Test
    void failedAndSlowTasksTakeAtMostTheirShare() {
        RecentTasks store =
                RecentTasks.builder().maxTasks(10).failedAndSlowShare(0.3).build();
        for (int i = 0; i < 5; i++) {
            task(store, "f" + i, "job", ActionStatus.FAILED, 5);
        }
        task(store, "o", "job", ActionStatus.SUCCEEDED, 5);

        assertThat(uuids(store)).containsExactly("o", "f4", "f3", "f2");

        RecentTasks bytes = RecentTasks.builder()
                .maxBytes(64 * 1024)
                .maxTaskBytes(8 * 1024)
                .failedAndSlowShare(0.25)
                .build();
        String kilobytes = "k".repeat(3000);
        for (int i = 0; i < 20; i++) {
            task(bytes, "f" + i, "job", ActionStatus.FAILED, 5, kilobytes);
        }
        List<Object> kept = uuids(bytes);
        assertThat(kept).hasSizeBetween(3, 5).first().isEqualTo("f19");
        assertThat(bytes.bytes()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aHugeTaskIsCutAtItsCapAndSaysHowManyMessagesItDropped() {
        RecentTasks store = RecentTasks.builder()
                .maxBytes(256 * 1024)
                .maxTaskBytes(16 * 1024)
                .build();
        String uuid = "huge";
        store.write(MessageRecord.action(uuid, TaskLevel.of(1), T0, "import", ActionStatus.STARTED, Map.of()));
        for (int i = 2; i <= 101; i++) {
            store.write(MessageRecord.message(uuid, TaskLevel.of(i), T0 + i, "row", Map.of("data", "d".repeat(1000))));
        }
        store.write(MessageRecord.action(uuid, TaskLevel.of(102), T0 + 2_000, "import", ActionStatus.FAILED, Map.of()));
        task(store, "small", "job", ActionStatus.SUCCEEDED, 5);

        Map<String, Object> huge = store.task(uuid).orElseThrow();
        int kept = (int) huge.get("message_count");
        assertThat(kept).isBetween(5, 20);
        assertThat(huge.get("dropped_messages")).isEqualTo(102 - kept);
        assertThat(huge).containsEntry("status", "failed").containsEntry("complete", false);
        assertThat(store.droppedMessages()).isEqualTo(102 - kept);
        assertThat(uuids(store)).containsExactly("small", uuid);
        assertThat(store.bytes()).isLessThan(16 * 1024 + 8 * 1024);
    }

    @Test
    void concurrentWritersStayWithinTheBoundsAndKeepWholeTasks() throws Exception {
        RecentTasks store =
                RecentTasks.builder().maxTasks(200).maxBytes(128 * 1024).build();
        int threads = 8;
        int tasksEach = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong maxSeen = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < tasksEach; i++) {
                        task(store, thread + "-" + i, "job", ActionStatus.SUCCEEDED, 5, "p".repeat(200));
                        maxSeen.accumulateAndGet(store.bytes(), Math::max);
                        if (i % 100 == 0) {
                            store.list(TaskQuery.ALL);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxSeen.get()).isPositive().isLessThanOrEqualTo(128 * 1024);
        assertThat(store.size()).isBetween(50, 200);
        assertThat(store.evictedTasks()).isGreaterThanOrEqualTo(threads * tasksEach - store.size());
        for (Object uuid : uuids(store)) {
            Map<String, Object> task = store.task((String) uuid).orElseThrow();
            // The newest task of a writer may be caught mid-way, never a task cut by the cap.
            assertThat(task.get("dropped_messages")).isEqualTo(0);
        }
        assertThat(uuids(store).stream()
                        .filter(u ->
                                (boolean) store.task((String) u).orElseThrow().get("complete"))
                        .count())
                .isGreaterThanOrEqualTo(store.size() - threads);
    }

    @Test
    void storesMessagesAsRedactedAsEveryDestinationGetsThem() {
        RecentTasks store = RecentTasks.builder().build();
        FieldRedaction before = FieldRedaction.current();
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("*password*")));
        Eliot.addDestination(store);
        String uuid;
        try {
            Action action = Eliot.startTask("login", "user", "ada", "password", "hunter2");
            uuid = action.taskUuid();
            Eliot.log("credentials", "db_password", "s3cret", "nested", Map.of("password", "deep"));
            action.finish();
        } finally {
            Eliot.removeDestination(store);
            FieldRedaction.setCurrent(before);
        }
        String tree = store.task(uuid).orElseThrow().toString();
        assertThat(tree).contains("ada", FieldRedaction.REDACTED).doesNotContain("hunter2", "s3cret", "deep");
    }

    @Test
    void aClosedStoreForgetsItsTasksAndTakesNoMore() {
        RecentTasks store = RecentTasks.builder().build();
        task(store, "a", "job", ActionStatus.SUCCEEDED, 5);
        store.close();
        task(store, "b", "job", ActionStatus.SUCCEEDED, 5);
        assertThat(store.size()).isZero();
        assertThat(store.bytes()).isLessThanOrEqualTo(1024);
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> RecentTasks.builder().maxTasks(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RecentTasks.builder().maxBytes(1000)).hasMessageContaining("at least 64KB");
        assertThatThrownBy(() -> RecentTasks.builder().failedAndSlowShare(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> RecentTasks.builder().slowThreshold(Duration.ZERO))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> RecentTasks.builder()
                        .maxBytes(64 * 1024)
                        .maxTaskBytes(128 * 1024)
                        .build())
                .hasMessageContaining("maxTaskBytes");
        assertThatThrownBy(() -> RecentTasks.builder()
                        .maxBytes(64 * 1024)
                        .maxTasks(100_000)
                        .build())
                .hasMessageContaining("too small");
    }
}
