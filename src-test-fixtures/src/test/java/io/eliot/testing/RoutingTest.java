package io.eliot.testing;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.internal.CaptureRouter;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Which messages a captured test gets, with real threads and real Jupiter engine runs, parallel ones
 * included; and that the destinations registered before are back afterwards.
 */
class RoutingTest {

    private final MemoryDestination registeredBefore = new MemoryDestination();
    private List<Destination> destinationsBefore;

    @BeforeEach
    void registerADestination() {
        Eliot.addDestination(registeredBefore);
        destinationsBefore = Eliot.destinations();
    }

    @AfterEach
    void unregisterIt() {
        Eliot.removeDestination(registeredBefore);
    }

    private static List<String> types(List<MessageRecord> messages) {
        return messages.stream().map(MessageRecord::type).toList();
    }

    @Scenario
    @CaptureLogging
    static class LogsOnItsThreadAndOnAnother {
        @Test
        void logs(CapturedLog log) throws Exception {
            assertThat(Eliot.destinations())
                    .as("one router in place of the registered destinations")
                    .singleElement()
                    .isInstanceOf(CaptureRouter.class);
            Message.log("on:test:thread");
            Thread other = new Thread(() -> Message.log("on:other:thread"));
            other.start();
            other.join();
            assertThat(types(log.messages())).containsExactly("on:test:thread");
        }
    }

    @Test
    void messagesOfNoTestGoToTheDestinationsRegisteredBeforeWhichAreBackAfterwards() {
        // when
        EngineExecutionResults results = Scenarios.run(LogsOnItsThreadAndOnAnother.class);

        // then
        assertThat(Scenarios.failures(results)).isEmpty();
        assertThat(Eliot.destinations()).isEqualTo(destinationsBefore);
        assertThat(types(registeredBefore.messages())).containsExactly("on:other:thread");
    }

    @Scenario
    @CaptureLogging
    static class FourAtOnce {
        static final int TESTS = 4;
        static final int STEPS = 50;
        static final CyclicBarrier ALL_STARTED = new CyclicBarrier(TESTS);
        static final CyclicBarrier ALL_LOGGED = new CyclicBarrier(TESTS);

        /** Two threads that every test hands work to, so each one serves several tests. */
        static volatile ExecutorService pool;

        @Test
        void first(CapturedLog log) throws Exception {
            logAndCheck(log, "first");
        }

        @Test
        void second(CapturedLog log) throws Exception {
            logAndCheck(log, "second");
        }

        @Test
        void third(CapturedLog log) throws Exception {
            logAndCheck(log, "third");
        }

        @Test
        void fourth(CapturedLog log) throws Exception {
            logAndCheck(log, "fourth");
        }

        /**
         * Logs a task of its own, from this thread and the pool, and a message from a thread without
         * its context, while the other tests do the same; then finds exactly its own task in its log.
         */
        private static void logAndCheck(CapturedLog log, String name) throws Exception {
            ALL_STARTED.await(30, SECONDS);
            Eliot.startTask("parallel:test", "test", name).run(() -> {
                for (int i = 0; i < STEPS; i++) {
                    Message.log("parallel:step", "test", name, "i", i);
                    if (i % 10 == 0) {
                        pool.submit(() -> Message.log("parallel:pooled", "test", name))
                                .get(30, SECONDS);
                    }
                }
            });
            Thread withoutContext = new Thread(() -> Message.log("parallel:orphan", "test", name));
            withoutContext.start();
            withoutContext.join();
            ALL_LOGGED.await(30, SECONDS);

            List<MessageRecord> messages = log.messages();
            assertThat(messages)
                    .extracting(MessageRecord::taskUuid)
                    .containsOnly(messages.get(0).taskUuid());
            assertThat(messages)
                    .filteredOn(m -> m.fields().containsKey("test"))
                    .extracting(m -> m.get("test"))
                    .containsOnly(name);
            assertThat(messages)
                    .as("started, %d steps, 5 pooled messages each in a remote task, succeeded", STEPS)
                    .hasSize(1 + STEPS + 5 * 3 + 1);
        }
    }

    @Test
    void testsRunningAtTheSameTimeEachGetOnlyTheirOwnMessagesFromEveryThread() {
        // given
        FourAtOnce.pool = Eliot.contextPreserving(Executors.newFixedThreadPool(2));
        try {
            // when
            EngineExecutionResults results = Scenarios.runConcurrently(FourAtOnce.class, 8);

            // then
            assertThat(Scenarios.failures(results)).isEmpty();
            results.testEvents()
                    .assertStatistics(stats -> stats.started(FourAtOnce.TESTS).succeeded(FourAtOnce.TESTS));
            assertThat(registeredBefore.messages())
                    .extracting(m -> m.type() + " " + m.get("test"))
                    .containsExactlyInAnyOrder(
                            "parallel:orphan first",
                            "parallel:orphan second",
                            "parallel:orphan third",
                            "parallel:orphan fourth");
            assertThat(Eliot.destinations()).isEqualTo(destinationsBefore);
        } finally {
            FourAtOnce.pool.shutdownNow();
        }
    }

    @Scenario
    @CaptureLogging
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class WorkOutlivesItsTest {
        static volatile Runnable leftBehind;

        @Test
        @Order(1)
        void leavesWorkBehind() {
            Eliot.startTask("first:task")
                    .run(() -> leftBehind = Eliot.preserveContext(() -> Message.log("first:late")));
        }

        @Test
        @Order(2)
        void runsTheWorkLeftBehind(CapturedLog log) throws Exception {
            Thread other = new Thread(leftBehind);
            other.start();
            other.join();
            assertThat(log.messages()).isEmpty();
        }
    }

    @Test
    void messagesOfATaskWhoseTestHasEndedGoToTheDestinationsRegisteredBefore() {
        // when
        EngineExecutionResults results = Scenarios.run(WorkOutlivesItsTest.class);

        // then
        assertThat(Scenarios.failures(results)).isEmpty();
        assertThat(types(registeredBefore.messages()))
                .containsExactly("eliot:remote_task", "first:late", "eliot:remote_task");
    }

    @Scenario
    @CaptureLogging
    static class LogsOnce {
        @Test
        void logs(CapturedLog log) {
            Message.log("inner");
            assertThat(types(log.messages())).containsExactly("inner");
        }
    }

    @Test
    @CaptureLogging
    void aCapturedTestThatRunsAnotherOnItsThreadKeepsItsOwnMessages(CapturedLog log) {
        // given
        Message.log("outer:before");

        // when
        EngineExecutionResults results = Scenarios.run(LogsOnce.class);
        Message.log("outer:after");

        // then
        assertThat(Scenarios.failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(types(log.messages())).containsExactly("outer:before", "outer:after");
    }
}
