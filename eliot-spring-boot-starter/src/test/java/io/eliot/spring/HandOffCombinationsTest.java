package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Every pair of Eliot's hand-off helpers (a wrapper applied to the work, then a way of running it on
 * another thread) hands one piece of work over as exactly one {@code eliot:remote_task}, in the
 * position taken when it was handed off, with the work inside it.
 */
class HandOffCombinationsTest {

    /** What one piece of work handed off by any Eliot helper, or by several, must look like. */
    private static final List<String> ONE_REMOTE_TASK = List.of(
            "[1] outer/started",
            "[2, 1] eliot:remote_task/started",
            "[2, 2] work",
            "[2, 3] eliot:remote_task/succeeded",
            "[3] outer/succeeded");

    /** Micrometer's context propagation alone carries the action itself: no remote task. */
    private static final List<String> SAME_ACTION = List.of("[1] outer/started", "[2] work", "[3] outer/succeeded");

    private final MemoryDestination memory = new MemoryDestination();
    // Eliot's ThreadLocalAccessor needs no registering: context-propagation loads it from eliot-core.
    @BeforeEach
    void register() {
        Eliot.addDestination(memory);
    }

    @AfterEach
    void unregister() {
        Eliot.removeDestination(memory);
    }

    /** The work handed over, in the forms the helpers take. */
    interface Job {
        Runnable runnable();

        Callable<Object> callable();

        Supplier<Object> supplier();

        Function<Object, Object> function();
    }

    /** A wrapper applied to the work before it is handed over. */
    enum Wrapper {
        NONE,
        PRESERVE_CONTEXT,
        CONTEXT_SNAPSHOT,
        PRESERVE_CONTEXT_OF_SNAPSHOT,
        SNAPSHOT_OF_PRESERVE_CONTEXT,
        PRESERVE_CONTEXT_TWICE;

        boolean preserves() {
            return this != NONE && this != CONTEXT_SNAPSHOT;
        }

        Job apply(Job job) {
            return switch (this) {
                case NONE -> job;
                case PRESERVE_CONTEXT -> preserved(job);
                case CONTEXT_SNAPSHOT -> snapshot(job);
                case PRESERVE_CONTEXT_OF_SNAPSHOT -> preserved(snapshot(job));
                case SNAPSHOT_OF_PRESERVE_CONTEXT -> snapshot(preserved(job));
                case PRESERVE_CONTEXT_TWICE -> preserved(preserved(job));
            };
        }

        private static Job preserved(Job job) {
            return new Job() {
                public Runnable runnable() {
                    return Eliot.preserveContext(job.runnable());
                }

                public Callable<Object> callable() {
                    return Eliot.preserveContext(job.callable());
                }

                public Supplier<Object> supplier() {
                    return Eliot.preserveSupplier(job.supplier());
                }

                public Function<Object, Object> function() {
                    return Eliot.preserveContext(job.function());
                }
            };
        }

        private static Job snapshot(Job job) {
            return new Job() {
                public Runnable runnable() {
                    return snapshot().wrap(job.runnable());
                }

                public Callable<Object> callable() {
                    return snapshot().wrap(job.callable());
                }

                public Supplier<Object> supplier() {
                    Callable<Object> wrapped = snapshot().wrap(job.callable());
                    return () -> {
                        try {
                            return wrapped.call();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    };
                }

                public Function<Object, Object> function() {
                    Supplier<Object> wrapped = supplier();
                    return input -> wrapped.get();
                }

                private ContextSnapshot snapshot() {
                    return ContextSnapshotFactory.builder().build().captureAll();
                }
            };
        }
    }

    /** The executors a case may use; all shut down and awaited after the case. */
    static final class Pools {
        final ExecutorService plain = Executors.newFixedThreadPool(2);
        final Executor preservingExecutor = Eliot.contextPreserving((Executor) plain);
        final ExecutorService preservingService = Eliot.contextPreserving(plain);
        /** Spring's executor with the starter's TaskDecorator, as Boot configures it for @Async. */
        final ThreadPoolTaskExecutor decorated =
                springExecutor(new EliotTaskExecutionAutoConfiguration().eliotTaskDecorator());
        /** Spring's executor with Micrometer's context propagation. */
        final ThreadPoolTaskExecutor propagating = springExecutor(new ContextPropagatingTaskDecorator());

        private static ThreadPoolTaskExecutor springExecutor(org.springframework.core.task.TaskDecorator decorator) {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setCorePoolSize(2);
            executor.setTaskDecorator(decorator);
            executor.initialize();
            return executor;
        }

        void shutDownAndAwait() throws InterruptedException {
            plain.shutdown();
            assertThat(plain.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            for (ThreadPoolTaskExecutor spring : List.of(decorated, propagating)) {
                ExecutorService service = spring.getThreadPoolExecutor();
                service.shutdown();
                assertThat(service.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS))
                    .isTrue();
        }
    }

    /** A way of running the work on another thread; {@code preserves} when it is an Eliot helper. */
    enum Runner {
        NEW_THREAD(Kind.PLAIN),
        CONTEXT_PRESERVING_EXECUTOR(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_EXECUTE(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_SUBMIT_RUNNABLE(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_SUBMIT_CALLABLE(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_INVOKE_ALL(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_INVOKE_ANY(Kind.PRESERVES),
        ELIOT_RUN_ASYNC_COMMON_POOL(Kind.PRESERVES),
        ELIOT_SUPPLY_ASYNC_PLAIN_POOL(Kind.PRESERVES),
        ELIOT_SUPPLY_ASYNC_CONTEXT_PRESERVING_SERVICE(Kind.PRESERVES),
        ELIOT_RUN_ASYNC_CONTEXT_PRESERVING_EXECUTOR(Kind.PRESERVES),
        ELIOT_SUPPLY_ASYNC_TASK_DECORATOR(Kind.PRESERVES),
        ELIOT_RUN_ASYNC_CONTEXT_PROPAGATING(Kind.PRESERVES),
        COMPLETABLE_FUTURE_SUPPLY_ASYNC_CONTEXT_PRESERVING_SERVICE(Kind.PRESERVES),
        COMPLETABLE_FUTURE_RUN_ASYNC_TASK_DECORATOR(Kind.PRESERVES),
        THEN_APPLY_ASYNC_PLAIN_POOL(Kind.PLAIN),
        THEN_APPLY_ASYNC_CONTEXT_PRESERVING_SERVICE(Kind.PRESERVES),
        THEN_APPLY_ASYNC_TASK_DECORATOR(Kind.PRESERVES),
        TASK_DECORATOR_EXECUTE(Kind.PRESERVES),
        TASK_DECORATOR_SUBMIT_RUNNABLE(Kind.PRESERVES),
        TASK_DECORATOR_SUBMIT_CALLABLE(Kind.PRESERVES),
        CONTEXT_PRESERVING_OVER_TASK_DECORATOR(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_OVER_TASK_DECORATOR_SUBMIT(Kind.PRESERVES),
        CONTEXT_PRESERVING_SERVICE_OVER_TASK_DECORATOR_INVOKE_ALL(Kind.PRESERVES),
        CONTEXT_PROPAGATING_EXECUTE(Kind.PROPAGATES),
        CONTEXT_PROPAGATING_SUBMIT_CALLABLE(Kind.PROPAGATES),
        CONTEXT_PRESERVING_OVER_CONTEXT_PROPAGATING(Kind.PRESERVES);

        enum Kind {
            PLAIN,
            PRESERVES,
            PROPAGATES
        }

        final Kind kind;

        Runner(Kind kind) {
            this.kind = kind;
        }

        void run(Job job, Pools pools) throws Exception {
            switch (this) {
                case NEW_THREAD -> {
                    Thread thread = new Thread(job.runnable());
                    thread.start();
                    thread.join();
                }
                case CONTEXT_PRESERVING_EXECUTOR -> pools.preservingExecutor.execute(job.runnable());
                case CONTEXT_PRESERVING_SERVICE_EXECUTE -> pools.preservingService.execute(job.runnable());
                case CONTEXT_PRESERVING_SERVICE_SUBMIT_RUNNABLE ->
                    pools.preservingService.submit(job.runnable()).get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_SERVICE_SUBMIT_CALLABLE ->
                    pools.preservingService.submit(job.callable()).get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_SERVICE_INVOKE_ALL ->
                    pools.preservingService
                            .invokeAll(List.of(job.callable()))
                            .get(0)
                            .get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_SERVICE_INVOKE_ANY ->
                    pools.preservingService.invokeAny(List.of(job.callable()));
                case ELIOT_RUN_ASYNC_COMMON_POOL ->
                    Eliot.runAsync(job.runnable()).get(10, TimeUnit.SECONDS);
                case ELIOT_SUPPLY_ASYNC_PLAIN_POOL ->
                    Eliot.supplyAsync(job.supplier(), pools.plain).get(10, TimeUnit.SECONDS);
                case ELIOT_SUPPLY_ASYNC_CONTEXT_PRESERVING_SERVICE ->
                    Eliot.supplyAsync(job.supplier(), pools.preservingService).get(10, TimeUnit.SECONDS);
                case ELIOT_RUN_ASYNC_CONTEXT_PRESERVING_EXECUTOR ->
                    Eliot.runAsync(job.runnable(), pools.preservingExecutor).get(10, TimeUnit.SECONDS);
                case ELIOT_SUPPLY_ASYNC_TASK_DECORATOR ->
                    Eliot.supplyAsync(job.supplier(), pools.decorated).get(10, TimeUnit.SECONDS);
                case ELIOT_RUN_ASYNC_CONTEXT_PROPAGATING ->
                    Eliot.runAsync(job.runnable(), pools.propagating).get(10, TimeUnit.SECONDS);
                case COMPLETABLE_FUTURE_SUPPLY_ASYNC_CONTEXT_PRESERVING_SERVICE ->
                    CompletableFuture.supplyAsync(job.supplier(), pools.preservingService)
                            .get(10, TimeUnit.SECONDS);
                case COMPLETABLE_FUTURE_RUN_ASYNC_TASK_DECORATOR ->
                    CompletableFuture.runAsync(job.runnable(), pools.decorated).get(10, TimeUnit.SECONDS);
                case THEN_APPLY_ASYNC_PLAIN_POOL ->
                    CompletableFuture.completedFuture("in")
                            .thenApplyAsync(job.function(), pools.plain)
                            .get(10, TimeUnit.SECONDS);
                case THEN_APPLY_ASYNC_CONTEXT_PRESERVING_SERVICE ->
                    CompletableFuture.completedFuture("in")
                            .thenApplyAsync(job.function(), pools.preservingService)
                            .get(10, TimeUnit.SECONDS);
                case THEN_APPLY_ASYNC_TASK_DECORATOR ->
                    CompletableFuture.completedFuture("in")
                            .thenApplyAsync(job.function(), pools.decorated)
                            .get(10, TimeUnit.SECONDS);
                case TASK_DECORATOR_EXECUTE -> pools.decorated.execute(job.runnable());
                case TASK_DECORATOR_SUBMIT_RUNNABLE ->
                    pools.decorated.submit(job.runnable()).get(10, TimeUnit.SECONDS);
                case TASK_DECORATOR_SUBMIT_CALLABLE ->
                    pools.decorated.submit(job.callable()).get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_OVER_TASK_DECORATOR ->
                    Eliot.contextPreserving((Executor) pools.decorated).execute(job.runnable());
                case CONTEXT_PRESERVING_SERVICE_OVER_TASK_DECORATOR_SUBMIT ->
                    Eliot.contextPreserving(pools.decorated.getThreadPoolExecutor())
                            .submit(job.callable())
                            .get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_SERVICE_OVER_TASK_DECORATOR_INVOKE_ALL ->
                    Eliot.contextPreserving(pools.decorated.getThreadPoolExecutor())
                            .invokeAll(List.of(job.callable()))
                            .get(0)
                            .get(10, TimeUnit.SECONDS);
                case CONTEXT_PROPAGATING_EXECUTE -> pools.propagating.execute(job.runnable());
                case CONTEXT_PROPAGATING_SUBMIT_CALLABLE ->
                    pools.propagating.submit(job.callable()).get(10, TimeUnit.SECONDS);
                case CONTEXT_PRESERVING_OVER_CONTEXT_PROPAGATING ->
                    Eliot.contextPreserving((Executor) pools.propagating).execute(job.runnable());
            }
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Wrapper wrapper : Wrapper.values()) {
            for (Runner runner : Runner.values()) {
                boolean wrapperHandsOff = wrapper != Wrapper.NONE;
                if (runner.kind == Runner.Kind.PLAIN && !wrapperHandsOff) {
                    continue; // nothing carries the context: a new task, not a hand-off
                }
                boolean preserves = wrapper.preserves() || runner.kind == Runner.Kind.PRESERVES;
                pairs.add(Arguments.of(wrapper, runner, preserves ? ONE_REMOTE_TASK : SAME_ACTION));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("pairs")
    void eachHandOffOfOnePieceOfWorkIsOneRemoteTask(Wrapper wrapper, Runner runner, List<String> expected)
            throws Exception {
        Pools pools = new Pools();
        CountDownLatch done = new CountDownLatch(1);
        Runnable work = () -> {
            Eliot.log("work");
            done.countDown();
        };
        Job job = wrapper.apply(new Job() {
            public Runnable runnable() {
                return work;
            }

            public Callable<Object> callable() {
                return () -> {
                    work.run();
                    return "done";
                };
            }

            public Supplier<Object> supplier() {
                return () -> {
                    work.run();
                    return "done";
                };
            }

            public Function<Object, Object> function() {
                return input -> {
                    work.run();
                    return input;
                };
            }
        });
        try {
            // The work is done before the outer action ends (context propagation reserves no slot).
            Eliot.startTask("outer").run(() -> {
                runner.run(job, pools);
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            });
        } finally {
            pools.shutDownAndAwait();
        }

        List<MessageRecord> messages = memory.messages();
        assertThat(messages.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
        assertThat(messages.stream()
                        .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                        .map(m -> m.taskLevel() + " " + m.type()
                                + (m.isAction() ? "/" + m.actionStatus().wireName() : "")))
                .as("%s then %s", wrapper, runner)
                .containsExactlyElementsOf(expected);
        assertThat(Eliot.currentAction()).isEmpty();
    }

    @Test
    void workHandedOffInsideHandedOffWorkNestsInsideIt() throws Exception {
        Pools pools = new Pools();
        try {
            Eliot.startTask("outer")
                    .run(() -> Eliot.supplyAsync(
                                    () -> Eliot.supplyAsync(
                                                    () -> {
                                                        Eliot.log("work");
                                                        return 1;
                                                    },
                                                    pools.decorated)
                                            .join(),
                                    pools.preservingService)
                            .get(10, TimeUnit.SECONDS));
        } finally {
            pools.shutDownAndAwait();
        }

        assertThat(memory.messages().stream()
                        .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                        .map(m -> m.taskLevel() + " " + m.type()
                                + (m.isAction() ? "/" + m.actionStatus().wireName() : "")))
                .containsExactly(
                        "[1] outer/started",
                        "[2, 1] eliot:remote_task/started",
                        "[2, 2, 1] eliot:remote_task/started",
                        "[2, 2, 2] work",
                        "[2, 2, 3] eliot:remote_task/succeeded",
                        "[2, 3] eliot:remote_task/succeeded",
                        "[3] outer/succeeded");
    }
}
