package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

/** @Async and task executors, Micrometer context propagation, and Micrometer counters. */
class EliotPropagationAndMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EliotAutoConfiguration.class,
                    EliotTaskExecutionAutoConfiguration.class,
                    TaskExecutionAutoConfiguration.class,
                    EliotMetricsAutoConfiguration.class))
            .withBean(MemoryDestination.class);

    /** Work run by Spring's task executor. */
    public static class Mailer {
        @Async
        public Future<String> send(String to) {
            Eliot.log("mail:sent", "to", to);
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }
    }

    @Configuration
    @EnableAsync
    static class AsyncConfig {}

    @Test
    void anAsyncMethodCalledInsideAnActionBelongsToItsTask() {
        runner.withUserConfiguration(AsyncConfig.class).withBean(Mailer.class).run(context -> {
            Mailer mailer = context.getBean(Mailer.class);
            String thread = Eliot.startTask("signup")
                    .call(() -> mailer.send("ada@example.org").get(10, TimeUnit.SECONDS));

            assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
            MemoryDestination memory = context.getBean(MemoryDestination.class);
            // The remote task ends on the executor's thread just after the future completes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (memory.messages().size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            List<MessageRecord> m = memory.messages();
            assertThat(m.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
            assertThat(m.stream()
                            .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                            .map(r -> r.taskLevel() + " " + r.type()))
                    .containsExactly(
                            "[1] signup",
                            "[2, 1] eliot:remote_task",
                            "[2, 2] mail:sent",
                            "[2, 3] eliot:remote_task",
                            "[3] signup");
        });
    }

    @Test
    void theTaskDecoratorBacksOffForTheApplicationsOwn() {
        TaskDecorator mine = runnable -> runnable;
        runner.withBean(TaskDecorator.class, () -> mine)
                .run(context -> assertThat(context).getBean(TaskDecorator.class).isSameAs(mine));
    }

    @Test
    void micrometerContextPropagationCarriesTheCurrentAction() {
        runner.run(context -> {
            AtomicReference<Optional<Action>> seen = new AtomicReference<>();
            Action action = Eliot.startTask("request");
            ContextSnapshot snapshot;
            try (var ignored = action.context()) {
                snapshot = ContextSnapshotFactory.builder().build().captureAll();
            }
            Thread thread = new Thread(() -> {
                try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
                    seen.set(Eliot.currentAction());
                    Eliot.log("on:other-thread");
                }
                assertThat(Eliot.currentAction()).isEmpty();
            });
            thread.start();
            thread.join();
            action.finish();

            assertThat(seen.get()).contains(action);
            List<MessageRecord> m = context.getBean(MemoryDestination.class).messages();
            assertThat(m.stream().map(r -> r.taskLevel() + " " + r.type()))
                    .containsExactly("[1] request", "[2] on:other-thread", "[3] request");
        });
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .as("registered by context-propagation itself (eliot-core's service entry), once, and kept")
                .filteredOn(a -> "eliot.action".equals(a.key()))
                .hasSize(1);
    }

    @Test
    void withoutMicrometerNoCountersAreConfigured() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MeterBinder.class)
                        .hasSingleBean(EliotDestinations.class));
    }

    @Test
    void withoutTheServletApiEverythingStillStarts() {
        runner.withClassLoader(new FilteredClassLoader("jakarta.servlet"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(EliotDestinations.class)
                        .hasSingleBean(MeterBinder.class));
    }

    @Test
    void countersBackOffForTheApplicationsOwn() {
        MeterBinder mine = registry -> {};
        runner.withBean("eliotMeterBinder", MeterBinder.class, () -> mine)
                .run(context -> assertThat(context.getBean("eliotMeterBinder")).isSameAs(mine));
    }

    @Test
    void countersFollowWhatEliotLogsAndDrops() {
        runner.run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(registry);
            double before =
                    registry.get("eliot.messages.logged").functionCounter().count();

            Eliot.log("app:one");
            Eliot.log("app:two");

            assertThat(registry.get("eliot.messages.logged").functionCounter().count())
                    .isEqualTo(before + 2);
            assertThat(registry.get("eliot.destination.failures")
                            .functionCounter()
                            .count())
                    .isGreaterThanOrEqualTo(0);
            assertThat(registry.get("eliot.messages.dropped")
                            .tag("reason", "queue_full")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.find("eliot.messages.dropped").functionCounters())
                    .hasSize(3);
        });
    }
}
