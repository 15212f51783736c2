package io.eliot.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.slf4j.EliotMdc;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the MDC bridge is installed, with which keys, and that a bad key stops startup naming it. */
class EliotMdcAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class, EliotMdcAutoConfiguration.class))
            .withBean(MemoryDestination.class); // not the default standard output

    /** The MDC under {@code keys} inside a new task, and the task's uuid last. */
    private static List<String> insideATask(String... keys) {
        Action task = Eliot.startTask("t");
        List<String> seen = task.call(() -> Arrays.stream(keys).map(MDC::get).toList());
        return java.util.stream.Stream.concat(seen.stream(), java.util.stream.Stream.of(task.taskUuid()))
                .toList();
    }

    @Test
    void byDefaultTheMdcHoldsTheTaskUntilTheContextCloses() {
        boolean installedBefore = EliotMdc.isInstalled(); // by a cached context of another test class
        runner.run(context -> {
            assertThat(context).hasSingleBean(EliotMdcAutoConfiguration.EliotMdcBridge.class);
            assertThat(EliotMdc.isInstalled()).isTrue();
            List<String> seen = insideATask("eliot.task_uuid", "eliot.task_level");
            assertThat(seen).containsExactly(seen.get(2), "/", seen.get(2));
        });
        assertThat(EliotMdc.isInstalled()).isEqualTo(installedBefore);
    }

    @Test
    void closingAContextGivesTheMdcBackToTheOneStillOpen() {
        runner.withPropertyValues("eliot.mdc.task-uuid-key=outer.task", "eliot.mdc.task-level-key=outer.level")
                .run(outer -> {
                    runner.withPropertyValues("eliot.mdc.task-uuid-key=inner.task")
                            .run(inner -> {
                                List<String> seen = insideATask("inner.task", "outer.task");
                                assertThat(seen).containsExactly(seen.get(2), null, seen.get(2));
                            });
                    List<String> seen = insideATask("inner.task", "outer.task", "outer.level");
                    assertThat(seen).containsExactly(null, seen.get(3), "/", seen.get(3));
                });
    }

    @Test
    void theKeysAreConfigurable() {
        runner.withPropertyValues("eliot.mdc.task-uuid-key=trace.eliot", "eliot.mdc.task-level-key=trace.eliot_level")
                .run(context -> {
                    List<String> seen = insideATask("trace.eliot", "trace.eliot_level", "eliot.task_uuid");
                    assertThat(seen).containsExactly(seen.get(3), "/", null, seen.get(3));
                });
    }

    @Test
    void offWithTheProperty() {
        runner.withPropertyValues("eliot.mdc.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EliotMdcAutoConfiguration.EliotMdcBridge.class));
    }

    @Test
    void withoutSlf4jNothingIsConfiguredAndEliotStillStarts() {
        runner.withClassLoader(new FilteredClassLoader("org.slf4j"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(EliotMdcAutoConfiguration.EliotMdcBridge.class));
    }

    @Test
    void aBlankKeyStopsStartupNamingTheProperty() {
        runner.withPropertyValues("eliot.mdc.task-uuid-key= ")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(EliotConfigurationException.class)
                        .hasMessageStartingWith("eliot.mdc.task-uuid-key: "));
        runner.withPropertyValues("eliot.mdc.task-level-key=eliot.task_uuid")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(EliotConfigurationException.class)
                        .hasMessageStartingWith("eliot.mdc.task-level-key: must differ"));
    }
}
