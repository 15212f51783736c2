package io.eliot.spring.web;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What the servers in a test logged, read back as one line per message of one task. */
final class TaskLog {

    private final MemoryDestination memory;

    TaskLog(MemoryDestination memory) {
        this.memory = memory;
    }

    /** The messages of {@code taskUuid} in level order, as {@code "/2/1 type status"} lines. */
    List<String> lines(String taskUuid) {
        return task(taskUuid).stream().map(TaskLog::line).toList();
    }

    /** The messages of {@code taskUuid}, in level order. */
    List<MessageRecord> task(String taskUuid) {
        return memory.messages().stream()
                .filter(m -> m.taskUuid().equals(taskUuid))
                .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                .toList();
    }

    /** Waits (up to 10 s) until task {@code taskUuid} has {@code count} messages; returns its lines. */
    List<String> awaitLines(String taskUuid, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (task(taskUuid).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return lines(taskUuid);
    }

    /** Everything logged so far. */
    List<MessageRecord> all() {
        return memory.messages();
    }

    /** Waits (up to 10 s) until some message matches, then returns it; fails otherwise. */
    MessageRecord await(Predicate<MessageRecord> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (MessageRecord m : memory.messages()) {
                if (condition.test(m)) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such message logged within 10 s; logged: " + memory.messages());
    }

    /** Waits until the request action for {@code path} has finished and returns its end message. */
    MessageRecord awaitRequestEnd(String path) throws InterruptedException {
        MessageRecord start = await(m -> "http:request".equals(m.actionType()) && path.equals(m.get("path")));
        return await(m -> m.taskUuid().equals(start.taskUuid())
                && "http:request".equals(m.actionType())
                && m.actionStatus() != io.eliot.core.record.ActionStatus.STARTED
                && m.taskLevel().parent().equals(start.taskLevel().parent()));
    }

    static String line(MessageRecord m) {
        String path = m.taskLevel().toPath();
        return m.isAction()
                ? path + " " + m.actionType() + " " + m.actionStatus().name().toLowerCase()
                : path + " " + m.messageType();
    }

    void clear() {
        memory.clear();
    }
}
