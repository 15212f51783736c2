package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed manual's "Cross-Thread Tasks", and the Java ways of handing work to other threads. */
class CrossThreadTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final ExecutorService plainPool = Executors.newFixedThreadPool(2);
    private final ExecutorService pool = Eliot.contextPreserving(plainPool);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void addInThread(int x, int y) {
        Eliot.startAction("in_thread", "x", x, "y", y)
                .run(() -> Eliot.currentAction().orElseThrow().addSuccessField("result", x + y));
    }

    @Test
    void preservedRunnableRunsAsARemoteTaskInsideTheActionThatHandedItOff() throws Exception {
        Eliot.startTask("main_thread").run(() -> {
            Thread thread = new Thread(Eliot.preserveContext(() -> addInThread(3, 4)));
            thread.start();
            thread.join();
        });

        List<MessageRecord> m = log.messages();
        assertThat(TaskTrees.render(m))
                .containsExactly(
                        "[1] main_thread/started",
                        "[2, 1] eliot:remote_task/started",
                        "[2, 2, 1] in_thread/started",
                        "[2, 2, 2] in_thread/succeeded",
                        "[2, 3] eliot:remote_task/succeeded",
                        "[3] main_thread/succeeded");
        MessageRecord inThread = m.stream()
                .filter(r -> r.taskLevel().equals(TaskLevel.of(2, 2, 1)))
                .findFirst()
                .orElseThrow();
        assertThat(inThread.fields()).isEqualTo(Map.of("x", 3, "y", 4));
        TaskTrees.assertComplete(m);
    }

    @Test
    void withoutACurrentActionTheTaskIsReturnedUnchanged() {
        Runnable runnable = () -> {};
        Callable<Integer> callable = () -> 1;
        Supplier<Integer> supplier = () -> 1;

        assertThat(Eliot.preserveContext(runnable)).isSameAs(runnable);
        assertThat(Eliot.preserveContext(callable)).isSameAs(callable);
        assertThat(Eliot.preserveSupplier(supplier)).isSameAs(supplier);
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void aValueReturningLambdaIsACallableAndABlockLambdaARunnable() throws Exception {
        int value = Eliot.startTask("main").call(() -> {
            Callable<Integer> callable = Eliot.preserveContext(() -> 41 + 1);
            Runnable runnable = Eliot.preserveContext(() -> {
                Message.log("ran");
            });
            runnable.run();
            Supplier<Integer> supplier = Eliot.preserveSupplier(() -> 1);
            return callable.call() + supplier.get() - 1;
        });

        assertThat(value).isEqualTo(42);
        TaskTrees.assertComplete(log.messages());
    }

    @Test
    void contextIsNotInheritedByThreadsImplicitly() throws Exception {
        AtomicReference<Optional<Action>> seen = new AtomicReference<>();
        Eliot.startTask("main").run(() -> {
            Thread thread = new Thread(() -> seen.set(Eliot.currentAction()));
            thread.start();
            thread.join();
        });

        assertThat(seen.get()).isEmpty();
    }

    @Test
    void executorServiceWrapperCarriesContextIntoEverySubmittedTask() throws Exception {
        List<Integer> results = Eliot.startTask("batch").call(() -> {
            Future<Integer> a =
                    pool.submit(() -> Eliot.startAction("square", "n", 2).call(() -> 4));
            Future<?> b = pool.submit(() -> Message.log("side:effect"));
            List<Future<Integer>> c = pool.invokeAll(List.of(() -> 1, () -> 2));
            b.get();
            return List.of(a.get(), c.get(0).get(), c.get(1).get());
        });

        assertThat(results).containsExactly(4, 1, 2);
        List<MessageRecord> m = log.messages();
        assertThat(m.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
        assertThat(m.stream().filter(r -> Action.REMOTE_TASK.equals(r.actionType())))
                .as("four remote tasks, started and finished")
                .hasSize(8);
        TaskTrees.assertComplete(m);
    }

    @Test
    void failureInAPreservedTaskFailsItsRemoteTaskAndReachesTheFutureUnchanged() {
        IllegalStateException boom = new IllegalStateException("worker failed");

        assertThatThrownBy(() -> Eliot.startTask("batch")
                        .call(() -> pool.submit(() -> {
                                    throw boom;
                                })
                                .get()))
                .isInstanceOf(ExecutionException.class)
                .hasCause(boom);

        MessageRecord remoteEnd = log.messages().stream()
                .filter(r -> Action.REMOTE_TASK.equals(r.actionType()) && r.actionStatus() == ActionStatus.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(remoteEnd.fields()).containsEntry("exception", "java.lang.IllegalStateException");
        TaskTrees.assertComplete(log.messages());
    }

    @Test
    void aPreservedTaskRunTwiceTakesAFreshPositionEachTime() {
        Action parent = Eliot.startTask("scheduler");
        Runnable tick;
        try (ContextScope ignored = parent.context()) {
            tick = Eliot.preserveContext(() -> Message.log("tick"));
        }
        tick.run();
        tick.run();
        parent.finish();

        assertThat(TaskTrees.render(log.messages()))
                .containsExactly(
                        "[1] scheduler/started",
                        "[2, 1] eliot:remote_task/started",
                        "[2, 2] tick",
                        "[2, 3] eliot:remote_task/succeeded",
                        "[3, 1] eliot:remote_task/started",
                        "[3, 2] tick",
                        "[3, 3] eliot:remote_task/succeeded",
                        "[4] scheduler/succeeded");
    }

    @Test
    void poolThreadsAreLeftWithoutContextAfterAPreservedTask() throws Exception {
        Eliot.startTask("batch")
                .run(() -> pool.submit(() -> Message.log("work")).get());

        List<Optional<Action>> after = List.of(
                plainPool.submit(Eliot::currentAction).get(),
                plainPool.submit(Eliot::currentAction).get());
        assertThat(after).containsOnly(Optional.empty());
    }

    @Test
    void completableFutureStagesRunInsideTheAction() throws Exception {
        Function<Integer, Integer> twice =
                n -> Eliot.startAction("twice", "n", n).call(() -> n * 2);

        int result = Eliot.startTask("pipeline")
                .call(() -> Eliot.supplyAsync(() -> 21, plainPool)
                        .thenApplyAsync(Eliot.preserveContext(twice), plainPool)
                        .thenCompose(Eliot.preserveContext(
                                n -> Eliot.runAsync(() -> Message.log("done", "n", n), plainPool)
                                        .thenApply(ignored -> n)))
                        .get(10, TimeUnit.SECONDS));

        assertThat(result).isEqualTo(42);
        List<MessageRecord> m = log.messages();
        assertThat(m.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
        assertThat(m).anySatisfy(r -> assertThat(r.actionType()).isEqualTo("twice"));
        assertThat(m).anySatisfy(r -> assertThat(r.messageType()).isEqualTo("done"));
        TaskTrees.assertComplete(m);
    }

    @Test
    void virtualThreadsCarryContextLikePlatformThreads() throws Exception {
        ExecutorService virtual = newVirtualThreadPerTaskExecutor();
        ExecutorService preserving = Eliot.contextPreserving(virtual);
        try {
            Eliot.startTask("fan-out").run(() -> {
                List<Future<Integer>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    futures.add(preserving.submit(() -> Eliot.startAction("leaf", "n", n)
                            .call(() -> {
                                assertThat(Thread.currentThread().toString()).contains("VirtualThread");
                                return n;
                            })));
                }
                for (Future<Integer> f : futures) {
                    f.get();
                }
            });
        } finally {
            preserving.shutdown();
            assertThat(preserving.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(2 + 200 * 4);
        assertThat(m.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
        TaskTrees.assertComplete(m);
    }

    /** JDK 21+ only; the build targets 17, so it is looked up reflectively. */
    static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            String reason = "virtual threads need JDK 21 or newer; this is JDK " + Runtime.version();
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
            throw new AssertionError(reason);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
