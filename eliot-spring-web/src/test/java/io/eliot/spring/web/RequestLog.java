package io.eliot.spring.web;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.testing.Logged;
import io.eliot.testing.LoggedAction;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What servers logged, read as the test fixtures' task trees ({@link LoggedAction}), waiting for
 * work that ends on server threads after the response has reached the test. Reads a {@code
 * CapturedLog} (tasks the test started) or a {@code MemoryDestination} (tasks a request started).
 */
public final class RequestLog {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Supplier<List<MessageRecord>> messages;

    /** A view of what {@code messages} supplies (a snapshot each call). */
    public RequestLog(Supplier<List<MessageRecord>> messages) {
        this.messages = messages;
    }

    /** Everything logged so far. */
    public List<MessageRecord> all() {
        return messages.get();
    }

    /**
     * Waits until the {@code actionType} action whose start has {@code path} has finished, with every
     * action inside it, and returns it.
     */
    public LoggedAction awaitAction(String actionType, String path) throws InterruptedException {
        return await(() -> {
            List<MessageRecord> all = all();
            return LoggedAction.ofType(all, actionType).stream()
                    .filter(a -> path.equals(a.startMessage().get("path")))
                    .filter(RequestLog::finishedWithin)
                    .findFirst()
                    .orElse(null);
        });
    }

    /** {@link #awaitAction} for {@code http:request}. */
    public LoggedAction awaitRequest(String path) throws InterruptedException {
        return awaitAction("http:request", path);
    }

    /** Waits until every action of task {@code taskUuid} has finished; returns its root action. */
    public LoggedAction awaitTask(String taskUuid) throws InterruptedException {
        return await(() -> rootOf(all(), taskUuid));
    }

    /** Waits (10 s) until some message matches, then returns it; fails otherwise. */
    public MessageRecord await(Predicate<MessageRecord> condition) throws InterruptedException {
        return await(() -> all().stream().filter(condition).findFirst().orElse(null));
    }

    /**
     * {@code node} and its descendants, one line each, indented two spaces per level: {@code
     * "type status"} for actions, {@code "type"} for messages.
     */
    public static String outline(Logged node) {
        StringBuilder out = new StringBuilder();
        append(out, node, 0);
        return out.toString();
    }

    /**
     * The positions missing from task {@code taskUuid} as logged so far, such as {@code /2/3} when
     * {@code /2/4} was logged but nothing at or under {@code /2/3}: none when every message in the
     * task's tree reached the log.
     */
    public List<String> missingPositions(String taskUuid) {
        Set<TaskLevel> taken = new HashSet<>();
        for (MessageRecord m : all()) {
            if (m.taskUuid().equals(taskUuid)) {
                for (TaskLevel level = m.taskLevel(); level.depth() > 0; level = level.parent()) {
                    taken.add(level);
                }
            }
        }
        return taken.stream()
                .filter(level -> level.last() > 1)
                .map(level -> level.parent().child(level.last() - 1))
                .filter(before -> !taken.contains(before))
                .map(TaskLevel::toPath)
                .sorted()
                .toList();
    }

    /** The end message's status of {@code action}: {@code succeeded}, {@code failed} or {@code unfinished}. */
    public static String status(LoggedAction action) {
        return action.isFinished() ? action.endMessage().actionStatus().wireName() : "unfinished";
    }

    private static void append(StringBuilder out, Logged node, int depth) {
        out.append("  ".repeat(depth)).append(node.type());
        if (node instanceof LoggedAction action) {
            out.append(' ').append(status(action)).append('\n');
            for (Logged child : action.children()) {
                append(out, child, depth + 1);
            }
        } else {
            out.append('\n');
        }
    }

    /** The root action of task {@code taskUuid} when it and every action in it have finished, else null. */
    private static LoggedAction rootOf(List<MessageRecord> all, String taskUuid) {
        MessageRecord rootStart = all.stream()
                .filter(m -> m.taskUuid().equals(taskUuid)
                        && m.actionStatus() == ActionStatus.STARTED
                        && m.taskLevel().toPath().equals("/1"))
                .findFirst()
                .orElse(null);
        if (rootStart == null) {
            return null;
        }
        List<MessageRecord> task =
                all.stream().filter(m -> m.taskUuid().equals(taskUuid)).toList();
        LoggedAction root = LoggedAction.ofType(task, rootStart.actionType()).stream()
                .filter(a -> a.startMessage() == rootStart)
                .findFirst()
                .orElse(null);
        return root != null && finishedWithin(root) ? root : null;
    }

    /** Whether {@code action} and every action inside it have finished. */
    private static boolean finishedWithin(LoggedAction action) {
        if (!action.isFinished()) {
            return false;
        }
        for (Logged node : action.descendants()) {
            if (node instanceof LoggedAction inner && !inner.isFinished()) {
                return false;
            }
        }
        return true;
    }

    private static <T> T await(Supplier<T> found) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not logged within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
