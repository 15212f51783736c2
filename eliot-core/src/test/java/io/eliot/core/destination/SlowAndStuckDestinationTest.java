package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.destination.AsyncDestination.OverflowPolicy;
import io.eliot.core.destination.AsyncDestinationTest.GatedDestination;
import io.eliot.core.destination.AsyncDestinationTest.PermitDestination;
import io.eliot.core.record.MessageRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An asynchronous destination in front of one that is very slow or never returns. */
class SlowAndStuckDestinationTest {

    /** Takes a millisecond per message, keeping them all. */
    static final class SlowDestination implements Destination {
        final List<MessageRecord> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(MessageRecord message) throws InterruptedException {
            Thread.sleep(1);
            messages.add(message);
        }
    }

    @Test
    void aDestinationThatNeverReturnsCostsTheApplicationOneBoundedWaitNotOnePerMessage() throws Exception {
        GatedDestination stuck = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.builder(stuck)
                .capacity(4)
                .maxBlock(Duration.ofMillis(100))
                .build();
        async.write(Records.message(1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        for (int n = 2; n <= 1_000; n++) {
            async.write(Records.message(n));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // One wait per message would take 99.5 s; the first ran-out wait marks the writer stalled.
        assertThat(tookMillis).isLessThan(5_000);
        assertThat(async.dropped()).isEqualTo(1_000 - 1 - 4);
        stuck.gate.countDown();
        async.close();
        assertThat(stuck.messages).hasSize(1 + 4 + 1);
        MessageRecord report = stuck.messages.get(5);
        assertThat(report.messageType()).isEqualTo("eliot:messages_dropped");
        assertThat(report.fields()).containsEntry("count", 995L);
    }

    @Test
    void onceTheStuckWriterMovesAgainLoggingThreadsWaitForRoomAgain() throws Exception {
        PermitDestination stuck = new PermitDestination();
        AsyncDestination async = AsyncDestination.builder(stuck)
                .capacity(1)
                .maxBlock(Duration.ofSeconds(1))
                .build();
        async.write(Records.message(1));
        AsyncDestinationTest.await("the writer took message 1", () -> stuck.entered.get() == 1);
        async.write(Records.message(2)); // fills the queue
        async.write(Records.message(3)); // the wait runs out: dropped, the writer is marked stalled
        assertThat(async.dropped()).isEqualTo(1);

        stuck.permits.release(); // the writer moves: writes 1, takes 2
        AsyncDestinationTest.await("the writer took message 2", () -> stuck.entered.get() == 2);
        async.write(Records.message(4)); // fills the queue again
        Thread logging = Thread.currentThread();
        ExecutorService opener = Executors.newSingleThreadExecutor();
        Future<?> opened = opener.submit(() -> {
            AsyncDestinationTest.awaitWaitingForRoom(logging); // only once the logging thread waits
            stuck.permits.release(100);
            return null;
        });
        async.write(Records.message(5)); // waits for the writer, which moves within the bound
        opened.get(10, TimeUnit.SECONDS);
        opener.shutdown();
        async.close();

        assertThat(async.dropped()).isEqualTo(1);
        assertThat(stuck.messages)
                .filteredOn(m -> "test:n".equals(m.messageType()))
                .extracting(m -> m.fields().get("n"))
                .containsExactly(1, 2, 4, 5);
        assertThat(stuck.messages)
                .filteredOn(m -> "eliot:messages_dropped".equals(m.messageType()))
                .singleElement()
                .satisfies(report -> assertThat(report.fields()).containsEntry("count", 1L));
    }

    @Test
    void closeGivesUpOnAStuckWriterAfterItsTimeoutAndSaysHowManyMessagesWereLost() throws Exception {
        GatedDestination stuck = new GatedDestination(false);
        AsyncDestination async = AsyncDestination.builder(stuck)
                .closeTimeout(Duration.ofMillis(200))
                .build();
        async.write(Records.message(1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
        async.write(Records.message(2));
        async.write(Records.message(3));

        assertThatThrownBy(async::close)
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("2 queued messages were not written");
        assertThat(async.dropped()).isEqualTo(2);
        assertThat(stuck.closed)
                .as("a stuck destination is not closed under its writer")
                .isFalse();
        stuck.gate.countDown();
    }

    @Test
    void aCloseThatTimesOutAtJvmShutdownIsReportedOnStandardError(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(ShutdownFlushTest.childCommand("stuck-at-exit", dir.resolve("unused.log")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stderr;
        try {
            // Read on another thread: a child that hangs fails this test instead of hanging the build.
            Future<String> read = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "child-stderr");
                        t.setDaemon(true);
                        return t;
                    })
                    .submit(() -> new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child exits once the close timed out")
                    .isTrue();
            stderr = read.get(10, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).isZero();
        assertThat(stderr)
                .contains("eliot: closing AsyncDestination[NeverReturns, capacity 8192, BLOCK] failed: ")
                .contains("did not finish writing within PT0.3S of close")
                .contains("2 queued messages were not written");
    }

    @Test
    void withTheBlockPolicyAVerySlowDestinationLosesNothingAndKeepsEachThreadsOrder() throws Exception {
        SlowDestination slow = new SlowDestination();
        AsyncDestination async = AsyncDestination.builder(slow)
                .capacity(16)
                .policy(OverflowPolicy.BLOCK)
                .build();

        runProducers(async, 4, 200);
        async.close();

        assertThat(async.dropped()).isZero();
        assertThat(slow.messages).hasSize(800);
        Map<String, Integer> lastByThread = new HashMap<>();
        for (MessageRecord m : slow.messages) {
            String thread = (String) m.fields().get("thread");
            int n = (Integer) m.fields().get("n");
            assertThat(n).isGreaterThan(lastByThread.getOrDefault(thread, -1));
            lastByThread.put(thread, n);
        }
    }

    @Test
    void withTheDropPolicyEveryMessageIsWrittenOrCountedInADropReport() throws Exception {
        SlowDestination slow = new SlowDestination();
        AsyncDestination async = AsyncDestination.builder(slow)
                .capacity(16)
                .policy(OverflowPolicy.DROP)
                .build();

        runProducers(async, 4, 500);
        async.close();

        long written = slow.messages.stream()
                .filter(m -> "test:n".equals(m.messageType()))
                .count();
        long reported = slow.messages.stream()
                .filter(m -> "eliot:messages_dropped".equals(m.messageType()))
                .mapToLong(m -> (Long) m.fields().get("count"))
                .sum();
        assertThat(async.dropped()).isPositive();
        assertThat(reported).isEqualTo(async.dropped());
        assertThat(written + async.dropped()).isEqualTo(2_000);
    }

    @Test
    void aLongestWaitNeedsTheBlockPolicy() {
        assertThatThrownBy(() -> AsyncDestination.builder(new SlowDestination())
                        .policy(OverflowPolicy.DROP)
                        .maxBlock(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("needs the BLOCK policy");
    }

    private static void runProducers(AsyncDestination async, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "producer-" + t;
            done.add(pool.submit(() -> {
                for (int n = 0; n < each; n++) {
                    async.write(MessageRecord.message(
                            "00000000-0000-4000-8000-00000000000" + name.charAt(name.length() - 1),
                            io.eliot.core.record.TaskLevel.of(n + 1),
                            0,
                            "test:n",
                            Map.of("n", n, "thread", name)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
