package io.eliot.testing.internal;

import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages one running test has been given by {@link CaptureRouter}, in the order they arrived.
 * Thread-safe; once stopped it takes no more messages.
 */
public final class Capture {

    private final Map<String, Capture> owners;
    private final Capture outer;
    private final Thread thread;
    private final List<MessageRecord> messages = new ArrayList<>(); // guarded by this
    private final Set<String> tasksSeen = new HashSet<>(); // guarded by this
    private boolean stopped; // guarded by this

    Capture(Map<String, Capture> owners, Capture outer, Thread thread) {
        this.owners = owners;
        this.outer = outer;
        this.thread = thread;
    }

    /** A snapshot of the messages captured so far, oldest first. */
    public synchronized List<MessageRecord> messages() {
        return List.copyOf(messages);
    }

    /**
     * Takes {@code message} unless stopped. {@code claimTask}: the message was logged on this test's
     * thread, so its task becomes this test's unless another test claimed it first.
     */
    synchronized boolean offer(MessageRecord message, boolean claimTask) {
        if (stopped) {
            return false;
        }
        if (claimTask && tasksSeen.add(message.taskUuid())) {
            owners.putIfAbsent(message.taskUuid(), this);
        }
        messages.add(message);
        return true;
    }

    /** Stops taking messages and gives up the tasks it owns; false if it was stopped already. */
    synchronized boolean stop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        for (String task : tasksSeen) {
            owners.remove(task, this);
        }
        return true;
    }

    /** The capture that was bound to the same thread before this one (a nested run), or null. */
    Capture outer() {
        return outer;
    }

    /** The thread the test runs on. */
    Thread thread() {
        return thread;
    }
}
