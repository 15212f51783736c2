package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Eliot;
import io.eliot.core.destination.AsyncDestination.OverflowPolicy;
import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncDestinationTest {

    /** Records each message and the thread that wrote it; can be held shut to fill the queue. */
    static final class GatedDestination implements Destination {
        final List<MessageRecord> messages = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate;
        volatile boolean closed;

        GatedDestination(boolean open) {
            gate = new CountDownLatch(open ? 0 : 1);
        }

        @Override
        public void write(MessageRecord message) throws InterruptedException {
            entered.countDown();
            assertThat(gate.await(30, TimeUnit.SECONDS)).isTrue();
            threads.add(Thread.currentThread().getName());
            messages.add(message);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Lets the writer through one message per permit released; records what it wrote. */
    static final class PermitDestination implements Destination {
        final List<MessageRecord> messages = Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
        final java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void write(MessageRecord message) throws InterruptedException {
            entered.incrementAndGet();
            assertThat(permits.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            messages.add(message);
        }
    }

    /**
     * Waits until {@code thread} is parked in {@link AsyncDestination}'s wait for room (not merely
     * started, nor somewhere else), failing after ten seconds.
     */
    static void awaitWaitingForRoom(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!isWaitingForRoom(thread)) {
            assertThat(System.nanoTime() - deadline)
                    .as("%s waits for room in the queue (state %s)", thread, thread.getState())
                    .isNegative();
            Thread.sleep(1);
        }
    }

    static boolean isWaitingForRoom(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && java.util.Arrays.stream(thread.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(AsyncDestination.class.getName())
                                && f.getMethodName().equals("waitForRoom"));
    }

    /** Waits until {@code condition} holds, failing after ten seconds. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void theLoggingThreadOnlyEnqueuesAndTheWriterThreadDoesTheWork() throws Exception {
        GatedDestination delegate = new GatedDestination(true);
        AsyncDestination async = AsyncDestination.wrap(delegate);

        for (int n = 1; n <= 100; n++) {
            async.write(Records.message(n));
        }
        async.close();

        assertThat(delegate.messages).hasSize(100);
        assertThat(delegate.threads).allSatisfy(t -> assertThat(t).startsWith("eliot-async-writer-"));
        assertThat(delegate.closed).isTrue();
        assertThat(async.written()).isEqualTo(100);
    }

    @Test
    void messagesFromEachThreadKeepTheirOrderAndNoneIsLost() throws Exception {
        GatedDestination delegate = new GatedDestination(true);
        AsyncDestination async = AsyncDestination.wrap(delegate, 64, OverflowPolicy.BLOCK);
        int threads = 8;
        int perThread = 5_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            producers.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    async.write(Records.message(base + i + 1));
                }
            }));
        }
        producers.forEach(Thread::start);
        for (Thread p : producers) {
            p.join();
        }
        async.close();

        assertThat(delegate.messages).hasSize(threads * perThread);
        Map<Integer, Integer> lastPerThread = new HashMap<>();
        for (MessageRecord m : delegate.messages) {
            int n = (Integer) m.fields().get("n") - 1;
            int thread = n / perThread;
            int previous = lastPerThread.getOrDefault(thread, -1);
            assertThat(n).as("order within producer %s", thread).isGreaterThan(previous);
            lastPerThread.put(thread, n);
        }
        assertThat(async.dropped()).isZero();
    }

    @Test
    void blockPolicyMakesTheLoggingThreadWaitForRoomAndLosesNothing() throws Exception {
        GatedDestination delegate = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.wrap(delegate, 2, OverflowPolicy.BLOCK);
        async.write(Records.message(1));
        assertThat(delegate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread producer = new Thread(() -> {
            for (int n = 2; n <= 6; n++) {
                async.write(Records.message(n));
            }
        });
        producer.start();
        awaitWaitingForRoom(producer);
        assertThat(async.queued()).isEqualTo(2);

        delegate.gate.countDown();
        producer.join(10_000);
        async.close();

        assertThat(delegate.messages).extracting(m -> m.fields().get("n")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(async.dropped()).isZero();
    }

    @Test
    void aBoundedWaitStopsBlockingTheApplicationWhenTheDestinationIsStuck() throws Exception {
        GatedDestination stuck = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.wrap(stuck, 1, java.time.Duration.ofMillis(50));
        async.write(Records.message(1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
        async.write(Records.message(2)); // fills the queue

        long start = System.nanoTime();
        async.write(Records.message(3)); // no room: waits at most 50 ms, then drops
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(waitedMillis).isBetween(40L, 5_000L);
        assertThat(async.dropped()).isEqualTo(1);
        stuck.gate.countDown();
        async.close();
        assertThat(stuck.messages)
                .extracting(m -> m.messageType())
                .containsExactly("test:n", "test:n", "eliot:messages_dropped");
    }

    @Test
    void anInterruptedThreadWaitingForRoomKeepsItsInterruptAndItsMessageIsCounted() throws Exception {
        GatedDestination stuck = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.wrap(stuck, 1, OverflowPolicy.BLOCK);
        async.write(Records.message(1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
        async.write(Records.message(2));
        boolean[] interruptedAfter = new boolean[1];
        Thread producer = new Thread(() -> {
            async.write(Records.message(3));
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });
        producer.start();
        awaitWaitingForRoom(producer);

        producer.interrupt();
        producer.join(10_000);

        assertThat(producer.isAlive()).isFalse();
        assertThat(interruptedAfter[0]).as("the interrupt status is kept").isTrue();
        assertThat(async.dropped()).as("no room: counted as dropped").isEqualTo(1);
        stuck.gate.countDown();
        async.close();
        assertThat(stuck.messages)
                .extracting(MessageRecord::messageType)
                .containsExactly("test:n", "test:n", "eliot:messages_dropped");
    }

    @Test
    void anInterruptedThreadWaitingForRoomWritesItsMessageIfThereIsRoomAtOnce() throws Exception {
        PermitDestination slow = new PermitDestination();
        AsyncDestination async = AsyncDestination.wrap(slow, 4, OverflowPolicy.BLOCK);
        async.write(Records.message(1));
        await("the writer took message 1", () -> slow.entered.get() == 1);
        for (int n = 2; n <= 5; n++) {
            async.write(Records.message(n)); // fills the queue
        }
        boolean[] interruptedAfter = new boolean[1];
        Thread producer = new Thread(() -> {
            async.write(Records.message(6));
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });
        producer.start();
        awaitWaitingForRoom(producer);

        // Holding the lock the producer waits on, so it cannot see the room until it is interrupted.
        java.lang.reflect.Field roomField = AsyncDestination.class.getDeclaredField("room");
        roomField.setAccessible(true);
        synchronized (roomField.get(async)) {
            slow.permits.release(); // the writer finishes message 1 and takes message 2: one free place
            await("the writer took message 2", () -> slow.entered.get() == 2 && async.queued() == 3);
            producer.interrupt();
            await("the producer woke up and wants the lock", () -> producer.getState() == Thread.State.BLOCKED);
        }
        producer.join(10_000);

        assertThat(producer.isAlive()).isFalse();
        assertThat(interruptedAfter[0]).as("the interrupt status is kept").isTrue();
        assertThat(async.dropped()).as("there was room: not dropped").isZero();
        slow.permits.release(100);
        async.close();
        assertThat(slow.messages).extracting(m -> m.fields().get("n")).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aNonPositiveBoundIsRejected() {
        assertThatThrownBy(() -> AsyncDestination.wrap(new GatedDestination(true), 4, java.time.Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    @Test
    void dropPolicyDropsCountsAndReportsTheDropsOnceTheQueueDrains() throws Exception {
        GatedDestination delegate = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.wrap(delegate, 2, OverflowPolicy.DROP);
        async.write(Records.message(1));
        assertThat(delegate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        for (int n = 2; n <= 10; n++) {
            async.write(Records.message(n));
        }
        assertThat(async.dropped()).isEqualTo(7);
        delegate.gate.countDown();
        async.close();

        assertThat(delegate.messages).hasSize(4);
        assertThat(delegate.messages.subList(0, 3))
                .extracting(m -> m.fields().get("n"))
                .containsExactly(1, 2, 3);
        MessageRecord report = delegate.messages.get(3);
        assertThat(report.messageType()).isEqualTo("eliot:messages_dropped");
        assertThat(report.fields()).containsEntry("count", 7L);
        assertThat((String) report.fields().get("reason")).contains("queue").contains("full");
    }

    @Test
    void closeWritesEverythingAcceptedBeforeIt() throws Exception {
        Destination slow = new Destination() {
            final List<MessageRecord> seen = Collections.synchronizedList(new ArrayList<>());

            @Override
            public void write(MessageRecord message) throws InterruptedException {
                Thread.sleep(0, 200_000);
                seen.add(message);
            }

            @Override
            public String toString() {
                return String.valueOf(seen.size());
            }
        };
        AsyncDestination async = AsyncDestination.wrap(slow, 10_000, OverflowPolicy.BLOCK);
        for (int n = 1; n <= 300; n++) {
            async.write(Records.message(n));
        }

        async.close();

        assertThat(slow.toString()).isEqualTo("300");
        assertThat(async.queued()).isZero();
    }

    @Test
    void flushWaitsForTheQueueThenFlushesTheDelegate() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AsyncDestination async = AsyncDestination.wrap(new Destination() {
            @Override
            public void write(MessageRecord message) throws InterruptedException {
                Thread.sleep(1);
                events.add("write");
            }

            @Override
            public void flush() {
                events.add("flush");
            }
        });
        for (int n = 0; n < 20; n++) {
            async.write(Records.message(n + 1));
        }

        async.flush();

        assertThat(events).hasSize(21).endsWith("flush");
        async.close();
    }

    @Test
    void writingAfterCloseIsRefusedLoudly() throws Exception {
        AsyncDestination async = AsyncDestination.wrap(new GatedDestination(true));
        async.close();
        async.close();

        assertThatThrownBy(() -> async.write(Records.message(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(async.refused()).isEqualTo(1);
    }

    @Test
    void aFailingDelegateIsReportedOnTheOtherDestinationsFromTheWriterThread() throws Exception {
        MemoryDestination other = new MemoryDestination();
        AsyncDestination async = AsyncDestination.wrap(message -> {
            throw new java.io.IOException("disk on fire");
        });
        Eliot.addDestination(other);
        Eliot.addDestination(async);
        try {
            Eliot.log("app:event", "n", 1);
            async.flush();
        } finally {
            Eliot.removeDestination(async);
            Eliot.removeDestination(other);
            async.close();
        }

        assertThat(other.messages()).hasSize(2);
        MessageRecord failure = other.messages().get(1);
        assertThat(failure.messageType()).isEqualTo("eliot:destination_failure");
        assertThat(failure.fields())
                .containsEntry("exception", "java.io.IOException")
                .containsEntry("reason", "disk on fire");
        assertThat((String) failure.fields().get("message")).contains("app:event");
        assertThat((String) failure.fields().get("destination")).startsWith("AsyncDestination[");
    }

    @Test
    void aDelegateThatReportsDeliveryItselfHasOneRunOfFailuresAndOnlyItEndsIt() throws Exception {
        MemoryDestination other = new MemoryDestination();
        boolean[] refuse = {true};
        Destination network = new Destination() {
            @Override
            public void write(MessageRecord message) throws java.io.IOException {
                if (refuse[0]) {
                    throw new java.io.IOException("no route to host");
                }
            }

            @Override
            public boolean reportsDelivery() {
                return true;
            }

            @Override
            public String toString() {
                return "Network";
            }
        };
        AsyncDestination async = AsyncDestination.wrap(network);
        Eliot.addDestination(other);
        Eliot.addDestination(async);
        try {
            Eliot.log("app:event", "n", 1); // write throws
            async.flush();
            Destination.reportDeliveryFailure(network, other.messages().get(0), new java.io.IOException("timed out"));
            refuse[0] = false;
            Eliot.log("app:event", "n", 2); // handed on: not yet a delivery
            async.flush();
            List<MessageRecord> beforeDelivery = reports(other);
            Destination.reportDelivered(network);

            assertThat(beforeDelivery)
                    .extracting(MessageRecord::messageType)
                    .containsExactly("eliot:destination_failure");
            assertThat(beforeDelivery.get(0).fields())
                    .containsEntry("destination", "Network")
                    .containsEntry("reason", "no route to host");
            assertThat(reports(other))
                    .extracting(MessageRecord::messageType)
                    .containsExactly("eliot:destination_failure", "eliot:destination_recovered");
            assertThat(reports(other).get(1).fields()).containsEntry("failed_messages", 2L);
        } finally {
            Eliot.removeDestination(async);
            Eliot.removeDestination(other);
            async.close();
        }
    }

    private static List<MessageRecord> reports(MemoryDestination destination) {
        return destination.messages().stream()
                .filter(m -> m.messageType() != null && m.messageType().startsWith("eliot:destination_"))
                .toList();
    }

    @Test
    void nonPositiveCapacityIsRejected() {
        assertThatThrownBy(() -> AsyncDestination.wrap(new GatedDestination(true), 0, OverflowPolicy.BLOCK))
                .hasMessageContaining("capacity must be positive");
    }
}
