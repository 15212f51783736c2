package io.eliot.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.parse.LogParser;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.EliotDestinations;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter on a class path without OpenTelemetry, eliot-opentelemetry and Micrometer Tracing
 * (hidden by a {@link FilteredClassLoader} from the auto-configurations of Eliot and of Spring Boot's
 * OpenTelemetry and tracing support): Eliot starts and logs as it does with them, minus the
 * {@code opentelemetry} destination type, which then stops startup naming the property.
 */
class WithoutTracingLibrariesTest {

    private static final String[] TRACING = {"io.opentelemetry.", "io.eliot.opentelemetry.", "io.micrometer.tracing."};

    @TempDir
    Path dir;

    /** Eliot's auto-configurations and Boot's OpenTelemetry, tracing and observation ones. */
    private static AutoConfigurations autoConfigurations() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, null)) {
            if (name.startsWith("io.eliot.")
                    || name.startsWith("org.springframework.boot.opentelemetry.")
                    || name.startsWith("org.springframework.boot.micrometer.tracing.")
                    || name.startsWith("org.springframework.boot.micrometer.observation.")) {
                if (name.contains(".prometheus.") || name.contains(".zipkin.") || name.contains("WebFlux")) {
                    continue; // not on this class path (as a Boot application's import filter would find)
                }
                try {
                    classes.add(Class.forName(name, false, WithoutTracingLibrariesTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }

    private ApplicationContextRunner runner(String logFile) {
        return new ApplicationContextRunner()
                .withConfiguration(autoConfigurations())
                .withPropertyValues(
                        "eliot.destinations.json.file.path=" + dir.resolve(logFile),
                        "eliot.destinations.json.async=false");
    }

    @Test
    void withoutTheLibrariesEliotStartsWithTheSameBeansLessTheOpenTelemetryTypeAndLogsTheSame() throws Exception {
        Set<String> with = new TreeSet<>();
        runner("with.log").run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(OpenTelemetry.class)
                    .hasSingleBean(Tracer.class);
            assertThat(context).hasBean("eliotOpenTelemetryDestinationProvider").hasBean("eliotTraceFields");
            with.addAll(eliotBeans(context));
            logATask();
        });
        runner("without.log").withClassLoader(new FilteredClassLoader(TRACING)).run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(OpenTelemetry.class)
                    .doesNotHaveBean(Tracer.class);
            assertThat(context).doesNotHaveBean("eliotOpenTelemetryDestinationProvider");
            assertThat(context).hasSingleBean(EliotDestinations.class);
            assertThat(context.getBean(EliotDestinations.class).configured()).containsOnlyKeys("json");
            Set<String> expected = new TreeSet<>(with);
            expected.remove("eliotOpenTelemetryDestinationProvider");
            expected.removeIf(name -> name.startsWith("io.eliot.spring.opentelemetry."));
            // No tracer to read trace ids from: no trace-field source (EliotTracingAutoConfiguration).
            expected.remove("eliotTraceFields");
            expected.removeIf(name -> name.startsWith("io.eliot.spring.EliotTracingAutoConfiguration$"));
            assertThat(eliotBeans(context)).isEqualTo(expected);
            logATask();
        });
        assertThat(shape(dir.resolve("without.log"))).hasSize(3).isEqualTo(shape(dir.resolve("with.log")));
    }

    @Test
    void aConfiguredOpenTelemetryDestinationStopsStartupNamingThePropertyWithoutTheLibraries() {
        int before = Eliot.destinations().size();
        for (String[] hidden :
                List.of(TRACING, new String[] {"io.opentelemetry."}, new String[] {"io.eliot.opentelemetry."})) {
            runner("app.log")
                    .withClassLoader(new FilteredClassLoader(hidden))
                    .withPropertyValues("eliot.destinations.otel.type=opentelemetry")
                    .run(context -> {
                        assertThat(context)
                                .as("hiding %s", Arrays.toString(hidden))
                                .hasFailed();
                        assertThat(configurationProblem(context))
                                .as("hiding %s", Arrays.toString(hidden))
                                .satisfies(e -> {
                                    assertThat(e.getProperty()).isEqualTo("eliot.destinations.otel.type");
                                    assertThat(e.getProblem()).contains("io.eliot:eliot-opentelemetry");
                                });
                    });
        }
        assertThat(Eliot.destinations()).as("nothing left registered").hasSize(before);
    }

    private static EliotConfigurationException configurationProblem(AssertableApplicationContext context) {
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof EliotConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("not an Eliot configuration problem", context.getStartupFailure());
    }

    private static void logATask() {
        Eliot.startTask("app:job", "n", 1).run(() -> Message.log("app:ping", "user", java.util.Map.of("id", 7)));
    }

    /** The names of the beans whose classes are Eliot's. */
    private static Set<String> eliotBeans(ConfigurableApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null && type.getName().startsWith("io.eliot.");
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each message's type, level and field names: what must not change. */
    private static List<String> shape(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> shape = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            MessageRecord m = LogParser.readMessage(lines.get(i), file.toString(), i + 1, p -> {
                        throw new AssertionError(p.toString());
                    })
                    .orElseThrow();
            shape.add(m.type() + " " + m.taskLevel().toPath() + " "
                    + new TreeSet<>(m.fields().keySet()));
        }
        return shape;
    }
}
