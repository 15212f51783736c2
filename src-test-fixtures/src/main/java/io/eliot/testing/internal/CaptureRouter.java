package io.eliot.testing.internal;

import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one destination that stands in for all registered destinations while at least one captured
 * test runs, and hands each message to the test it belongs to.
 *
 * <p>A message belongs to test X when it is logged on the thread running X, or, failing that, when
 * its {@code task_uuid} is that of a message earlier logged on X's thread (so work handed to other
 * threads with {@code Eliot.preserveContext}, or continued from a serialized task id, follows its
 * task). Every other message goes to the destinations that were registered when the first captured
 * test started; they are registered again when the last one ends.
 *
 * <p>Installing adds this router before removing the previous destinations, and restoring adds
 * them back before removing it, so a message logged by an unrelated thread at that instant may
 * reach a previous destination twice, but is never lost.
 */
public final class CaptureRouter implements Destination {

    private static final CaptureRouter GLOBAL = new CaptureRouter();

    private final Object lock = new Object();
    private int running; // guarded by lock
    private volatile List<Destination> previous = List.of();
    private final ThreadLocal<Capture> byThread = new ThreadLocal<>();
    private final Map<String, Capture> byTask = new ConcurrentHashMap<>();

    private CaptureRouter() {}

    /** The router of Eliot's destinations (there is one set per process). */
    public static CaptureRouter global() {
        return GLOBAL;
    }

    /**
     * Starts capturing for a test running on the calling thread; installs the router if no other
     * captured test is running. Stop it with {@link #stop}, on the same thread.
     */
    public Capture start() {
        synchronized (lock) {
            if (running++ == 0) {
                install();
            }
        }
        Capture capture = new Capture(byTask, byThread.get(), Thread.currentThread());
        byThread.set(capture);
        return capture;
    }

    /**
     * Stops {@code capture}: it takes no more messages, its thread is unbound, and when it was the
     * last captured test running the previous destinations are registered again. Idempotent.
     */
    public void stop(Capture capture) {
        if (!capture.stop()) {
            return;
        }
        if (capture.thread() == Thread.currentThread() && byThread.get() == capture) {
            if (capture.outer() == null) {
                byThread.remove();
            } else {
                byThread.set(capture.outer());
            }
        }
        synchronized (lock) {
            if (--running == 0) {
                restore();
            }
        }
    }

    private void install() {
        List<Destination> registered = new ArrayList<>(Eliot.destinations());
        registered.remove(this);
        previous = List.copyOf(registered);
        Eliot.addDestination(this);
        for (Destination destination : registered) {
            Eliot.removeDestination(destination);
        }
    }

    /** Keeps {@link #previous}: a message the registry handed over just before still reaches them. */
    private void restore() {
        for (Destination destination : previous) {
            Eliot.addDestination(destination);
        }
        Eliot.removeDestination(this);
    }

    @Override
    public void write(MessageRecord message) throws Exception {
        Capture owner = byThread.get();
        if (owner != null && owner.offer(message, true)) {
            return;
        }
        owner = byTask.get(message.taskUuid());
        if (owner != null && owner.offer(message, false)) {
            return;
        }
        forEachPrevious(destination -> destination.write(message));
    }

    /** Flushes the previous destinations. */
    @Override
    public void flush() throws Exception {
        forEachPrevious(Destination::flush);
    }

    /**
     * Closes the previous destinations, as closing every registered destination would have done had
     * they still been registered (at JVM shutdown, for one).
     */
    @Override
    public void close() throws Exception {
        forEachPrevious(Destination::close);
    }

    /** Applies {@code step} to every previous destination, then throws the first failure if any. */
    private void forEachPrevious(Step step) throws Exception {
        Exception failure = null;
        for (Destination destination : previous) {
            try {
                step.apply(destination);
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private interface Step {
        void apply(Destination destination) throws Exception;
    }

    @Override
    public String toString() {
        return "CaptureRouter[previous=" + previous + "]";
    }
}
