package io.eliot.core.destination;

import io.eliot.core.internal.WritingThreads;
import io.eliot.core.record.MessageRecord;
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
 * eliot:destination_failure} report (or, once Eliot itself closed and removed it, puts the message
 * on standard error, counted).
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
    /** Set when a bounded wait for room ran out; cleared when the writer takes a message. */
    private volatile boolean stalled;

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
        return builder(delegate).capacity(capacity).policy(policy).build();
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
        return builder(delegate).capacity(capacity).maxBlock(maxBlock).build();
    }

    /** A builder for every option: capacity, policy, longest wait for room, close timeout. */
    public static Builder builder(Destination delegate) {
        return new Builder(delegate);
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
        if (bounded && stalled) {
            return false; // the writer has not moved since a wait ran out: waiting again would not help
        }
        long deadline = bounded ? System.nanoTime() + maxBlockNanos : 0;
        waitingForRoom.incrementAndGet();
        try {
            synchronized (room) {
                while (!reserve()) {
                    if (closed) {
                        return false;
                    }
                    if (bounded && System.nanoTime() - deadline >= 0) {
                        stalled = true;
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
        WritingThreads.markWriter();
        int emptyNaps = 0;
        while (true) {
            MessageRecord message = queue.poll();
            if (message != null) {
                emptyNaps = 0;
                writing = true;
                stalled = false;
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
        // A delegate that reports its own outcomes (e.g. a network client) has one run of failures,
        // whether its write threw or its delivery failed later; only it can tell a delivery.
        boolean delegateReports = delegate.reportsDelivery();
        try {
            delegate.write(message);
            written.increment();
        } catch (Throwable failure) {
            Destination.reportDeliveryFailure(delegateReports ? delegate : this, message, failure);
            return;
        }
        if (!delegateReports) {
            Destination.reportDelivered(this);
        }
    }

    private void reportDrops() {
        long count = droppedSinceReport.sumThenReset();
        if (count > 0) {
            deliver(DeliveryReports.ownMessage(
                    "eliot:messages_dropped", Map.of("count", count, "reason", "the queue of " + this + " was full")));
        }
    }

    /** Always: the writer thread reports each message's outcome, not the logging thread. */
    @Override
    public boolean reportsDelivery() {
        return true;
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
     * Stops accepting messages, waits (up to the close timeout, 30 seconds by default) until
     * everything accepted is written, then closes the wrapped destination. If the writer is still
     * stuck in the wrapped destination then, the messages left in the queue are counted as {@link
     * #dropped()}, the wrapped destination is left open (closing it could block too), and this
     * method throws an exception saying how many were lost, which Eliot reports as {@code
     * eliot:destination_failure} on the other destinations. Closing twice does nothing.
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
        writer.join(Math.max(1, closeTimeout.toMillis()));
        if (writer.isAlive()) {
            int lost = size.get();
            dropped.add(lost);
            throw new java.util.concurrent.TimeoutException(this + " did not finish writing within " + closeTimeout
                    + " of close (its destination is stuck): " + lost + " queued messages were not written");
        }
        delegate.close();
    }

    /**
     * Messages dropped: the queue was full (policy {@link OverflowPolicy#DROP}, or a bounded wait
     * ran out), or they were still queued when a close timed out.
     */
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

    /** How long {@link #close()} waits for the queue to be written. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The destination this one writes to. */
    public Destination delegate() {
        return delegate;
    }

    /** {@link #delegate()}: a failure of the wrapped destination is not reported back into its queue. */
    @Override
    public Destination wrapped() {
        return delegate;
    }

    @Override
    public String toString() {
        return "AsyncDestination[" + delegate + ", capacity " + capacity + ", " + policy + "]";
    }

    /** Configures an {@link AsyncDestination}; every option has the default of {@link #wrap(Destination)}. */
    public static final class Builder {
        private final Destination delegate;
        private int capacity = DEFAULT_CAPACITY;
        private OverflowPolicy policy = OverflowPolicy.BLOCK;
        private Duration maxBlock;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder(Destination delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** The queue's capacity in messages; default {@value AsyncDestination#DEFAULT_CAPACITY}. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** What a logging thread does when the queue is full; default {@link OverflowPolicy#BLOCK}. */
        public Builder policy(OverflowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * With {@link OverflowPolicy#BLOCK}, the longest a logging thread waits for room before its
         * message is dropped and counted; once a wait has run out, later messages are dropped at once
         * until the writer moves again. Default: no limit.
         */
        public Builder maxBlock(Duration maxBlock) {
            this.maxBlock = Objects.requireNonNull(maxBlock, "maxBlock");
            return this;
        }

        /** How long {@link #close()} waits for the queue to drain; default 30 seconds. */
        public Builder closeTimeout(Duration closeTimeout) {
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("the close timeout must not be negative, was " + closeTimeout);
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * Starts the writer thread.
         *
         * @throws IllegalArgumentException if the capacity or the longest wait is not positive
         */
        public AsyncDestination build() {
            if (maxBlock != null && policy != OverflowPolicy.BLOCK) {
                throw new IllegalArgumentException("a longest wait for room needs the BLOCK policy, not " + policy);
            }
            return new AsyncDestination(delegate, capacity, policy, maxBlock, closeTimeout);
        }
    }
}
