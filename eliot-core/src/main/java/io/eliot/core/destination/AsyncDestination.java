package io.eliot.core.destination;

import io.eliot.core.MessageRecord;
import io.eliot.core.internal.Destinations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Wraps a destination in a bounded queue with one background writer thread: the logging thread
 * only enqueues the message; encoding and I/O happen on the writer. Messages from one thread are
 * written in the order that thread logged them.
 *
 * <pre>{@code
 * Eliot.addDestination(AsyncDestination.wrap(JsonFileDestination.open(Path.of("app.log"))));
 * }</pre>
 *
 * <p>When the queue is full the logging thread waits for room ({@link OverflowPolicy#BLOCK}, the
 * default) or the message is dropped and counted ({@link OverflowPolicy#DROP}); drops are written as
 * an {@code eliot:messages_dropped} message with their count once the queue drains, and {@link
 * #dropped()} counts them all. The writer never blocks on its own queue. If the wrapped destination
 * throws, the failure is reported as {@code eliot:destination_failure} on the other registered
 * destinations. {@link #close()} (which Eliot also calls at JVM shutdown) stops accepting messages,
 * writes everything already accepted, then closes the wrapped destination: nothing accepted before
 * is lost. Messages offered after closing are refused with an exception, which becomes an {@code
 * eliot:destination_failure} report.
 */
public final class AsyncDestination implements Destination {

    /** What a logging thread does when the queue is full. */
    public enum OverflowPolicy {
        /** Wait for room: no message is lost, the application slows to the writer's pace. */
        BLOCK,
        /** Drop the message and count it: the application never waits. */
        DROP
    }

    /** The default queue capacity. */
    public static final int DEFAULT_CAPACITY = 8_192;

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * While messages keep coming the writer naps this long when the queue is empty instead of being
     * woken for each message: waking a parked thread is a system call on the logging thread, which
     * cost more than the rest of logging when the writer keeps up.
     */
    private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /** Empty naps in a row after which the writer sleeps until a logging thread wakes it. */
    private static final int NAPS_BEFORE_SLEEP = 20;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Destination delegate;
    private final int capacity;
    private final OverflowPolicy policy;
    private final Duration closeTimeout;
    private final long maxBlockNanos;
    private final ConcurrentLinkedQueue<MessageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicInteger waitingForRoom = new AtomicInteger();
    private final Object room = new Object();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder droppedSinceReport = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean writerParked;
    private volatile boolean writerSleeping;
    private final int wakeAt;
    private volatile boolean writing;

    private AsyncDestination(
            Destination delegate, int capacity, OverflowPolicy policy, Duration maxBlock, Duration closeTimeout) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.wakeAt = Math.max(1, capacity / 4);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (maxBlock != null && (maxBlock.isNegative() || maxBlock.isZero())) {
            throw new IllegalArgumentException("the longest wait for room must be positive, was " + maxBlock);
        }
        this.maxBlockNanos = maxBlock == null ? Long.MAX_VALUE : maxBlock.toNanos();
        this.writer = new Thread(this::drain, "eliot-async-writer-" + THREADS.incrementAndGet());
        writer.setDaemon(true);
        writer.start();
    }

    /** Wraps {@code delegate} with a queue of {@value #DEFAULT_CAPACITY} messages that blocks when full. */
    public static AsyncDestination wrap(Destination delegate) {
        return wrap(delegate, DEFAULT_CAPACITY, OverflowPolicy.BLOCK);
    }

    /**
     * Wraps {@code delegate} with a queue of {@code capacity} messages and the given policy.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public static AsyncDestination wrap(Destination delegate, int capacity, OverflowPolicy policy) {
        return new AsyncDestination(delegate, capacity, policy, null, Duration.ofSeconds(30));
    }

    /**
     * Like {@link #wrap(Destination, int, OverflowPolicy)} with {@link OverflowPolicy#BLOCK}, but a
     * logging thread waits at most {@code maxBlock} for room (a stuck disk or a destination that
     * blocks forever cannot stop the application for longer); then the message is dropped and
     * counted.
     *
     * @throws IllegalArgumentException if {@code capacity} or {@code maxBlock} is not positive
     */
    public static AsyncDestination wrap(Destination delegate, int capacity, Duration maxBlock) {
        return new AsyncDestination(
                delegate,
                capacity,
                OverflowPolicy.BLOCK,
                Objects.requireNonNull(maxBlock, "maxBlock"),
                Duration.ofSeconds(30));
    }

    /** Enqueues {@code message}; waits or drops when full, per the policy. */
    @Override
    public void write(MessageRecord message) {
        producers.incrementAndGet();
        try {
            if (closed) {
                refused.increment();
                throw new IllegalStateException(this + " is closed; the message was not written");
            }
            if (!reserve() && !waitForRoom()) {
                dropped.increment();
                droppedSinceReport.increment();
                return;
            }
            queue.offer(message);
            if (writerSleeping || (writerParked && size.get() >= wakeAt)) {
                LockSupport.unpark(writer);
            }
        } finally {
            producers.decrementAndGet();
        }
    }

    private boolean reserve() {
        for (int s = size.get(); s < capacity; s = size.get()) {
            if (size.compareAndSet(s, s + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether room was found; false means drop. An interrupted thread stops waiting, keeps its
     * interrupt status, and its message is written if there is room at once, dropped otherwise.
     */
    private boolean waitForRoom() {
        if (policy == OverflowPolicy.DROP || Thread.currentThread() == writer) {
            return false;
        }
        boolean bounded = maxBlockNanos != Long.MAX_VALUE;
        long deadline = bounded ? System.nanoTime() + maxBlockNanos : 0;
        waitingForRoom.incrementAndGet();
        try {
            synchronized (room) {
                while (!reserve()) {
                    if (closed || (bounded && System.nanoTime() - deadline >= 0)) {
                        return false;
                    }
                    room.wait(10);
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reserve();
        } finally {
            waitingForRoom.decrementAndGet();
        }
    }

    private void drain() {
        Destinations.markWriterThread();
        int emptyNaps = 0;
        while (true) {
            MessageRecord message = queue.poll();
            if (message != null) {
                emptyNaps = 0;
                writing = true;
                // Waiting logging threads are woken once half the queue is free, not for every
                // message: a wake-up per message cost the writer more than writing the message.
                if (size.decrementAndGet() <= capacity / 2 && waitingForRoom.get() > 0) {
                    synchronized (room) {
                        room.notifyAll();
                    }
                }
                deliver(message);
                writing = false;
                continue;
            }
            reportDrops();
            if (closed && producers.get() == 0 && queue.isEmpty()) {
                return;
            }
            boolean sleep = emptyNaps++ >= NAPS_BEFORE_SLEEP;
            writerParked = true;
            writerSleeping = sleep; // from here on a logging thread wakes the writer for each message
            if (queue.isEmpty() && !closed) {
                LockSupport.parkNanos(this, sleep ? IDLE_PARK_NANOS : NAP_NANOS);
            }
            writerSleeping = false;
            writerParked = false;
        }
    }

    private void deliver(MessageRecord message) {
        try {
            delegate.write(message);
            written.increment();
        } catch (Throwable failure) {
            Destinations.global().reportFailure(this, message, failure);
            return;
        }
        Destinations.global().reportDelivered(this);
    }

    private void reportDrops() {
        long count = droppedSinceReport.sumThenReset();
        if (count > 0) {
            deliver(Destinations.global()
                    .ownMessage(
                            "eliot:messages_dropped",
                            Map.of("count", count, "reason", "the queue of " + this + " was full")));
        }
    }

    /**
     * Waits (up to 30 seconds) until every message accepted so far is written, then flushes the
     * wrapped destination.
     */
    @Override
    public void flush() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((size.get() > 0 || writing) && writer.isAlive() && System.nanoTime() < deadline) {
            LockSupport.unpark(writer);
            Thread.sleep(1);
        }
        delegate.flush();
    }

    /**
     * Stops accepting messages, waits (up to 30 seconds) until everything accepted is written, then
     * closes the wrapped destination. Closing twice does nothing.
     */
    @Override
    public void close() throws Exception {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        synchronized (room) {
            room.notifyAll();
        }
        writer.join(closeTimeout.toMillis());
        delegate.close();
    }

    /** Messages dropped because the queue was full (policy {@link OverflowPolicy#DROP}). */
    public long dropped() {
        return dropped.sum();
    }

    /** Messages refused because they came after {@link #close()}. */
    public long refused() {
        return refused.sum();
    }

    /** Messages the wrapped destination has taken, Eliot's own drop reports included. */
    public long written() {
        return written.sum();
    }

    /** Messages waiting in the queue now. */
    public int queued() {
        return size.get();
    }

    /** The queue's capacity. */
    public int capacity() {
        return capacity;
    }

    /** The destination this one writes to. */
    public Destination delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "AsyncDestination[" + delegate + ", capacity " + capacity + ", " + policy + "]";
    }
}
