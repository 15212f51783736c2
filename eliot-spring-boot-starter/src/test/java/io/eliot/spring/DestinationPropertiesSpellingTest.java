package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.spring.internal.DestinationFactory;
import io.eliot.spring.internal.EliotConfigurationFailureAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The two spellings of {@code eliot.destinations.<name>}: the nested blocks ({@code file.path},
 * {@code slf4j.logger-name}, ...), with the type inferred from the block, and the deprecated flat
 * options of earlier releases, which still work and are reported at startup with their replacement.
 */
class DestinationPropertiesSpellingTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class));

    private final Logger factoryLogger = (Logger) LoggerFactory.getLogger(DestinationFactory.class);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        factoryLogger.addAppender(warnings);
    }

    @AfterEach
    void releaseWarnings() {
        factoryLogger.detachAppender(warnings);
    }

    private List<String> warned() {
        return warnings.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void nestedBlocksGiveTheTypeAndTheirOptions() {
        Path file = dir.resolve("app.log");
        runner.withPropertyValues(
                        "eliot.destinations.main.file.path=" + file,
                        "eliot.destinations.main.file.flush-interval=1h",
                        "eliot.destinations.main.file.rollover-size=300B",
                        "eliot.destinations.main.file.rollover-keep=1",
                        "eliot.destinations.main.async=false",
                        "eliot.destinations.bridge.slf4j.logger-name=eliot.events",
                        "eliot.destinations.bridge.slf4j.level=debug",
                        "eliot.destinations.plain.type=slf4j",
                        "eliot.destinations.typed.type=file",
                        "eliot.destinations.typed.file.path=" + dir.resolve("typed.log"),
                        "eliot.destinations.err.type=stderr",
                        "eliot.destinations.err.async=true",
                        "eliot.destinations.err.queue-size=16")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, Destination> configured =
                            context.getBean(EliotDestinations.class).configured();
                    assertThat(configured.get("main")).isInstanceOf(JsonFileDestination.class);
                    assertThat(configured.get("main").toString())
                            .contains("every PT1H")
                            .contains("rollover at 300 bytes keeping 1");
                    assertThat(configured.get("bridge").toString())
                            .isEqualTo("Slf4jDestination[eliot.events at DEBUG]");
                    assertThat(configured.get("plain").toString()).isEqualTo("Slf4jDestination[eliot at INFO]");
                    assertThat(configured.get("typed").toString())
                            .as("file destinations are asynchronous unless told otherwise")
                            .startsWith("AsyncDestination[JsonFileDestination[" + dir.resolve("typed.log"));
                    assertThat(configured.get("err").toString())
                            .isEqualTo("AsyncDestination[ConsoleDestination[stderr], capacity 16, BLOCK]");
                });
        assertThat(warned()).as("the nested spelling is not deprecated").isEmpty();
    }

    @Test
    void theFlatSpellingStillWorksAndEachOptionIsReportedWithItsReplacement() {
        Path file = dir.resolve("app.log");
        runner.withPropertyValues(
                        "eliot.destinations.main.type=file",
                        "eliot.destinations.main.path=" + file,
                        "eliot.destinations.main.rollover-size=300B",
                        "eliot.destinations.main.async=false",
                        "eliot.destinations.bridge.type=slf4j",
                        "eliot.destinations.bridge.logger-name=eliot.events")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, Destination> configured =
                            context.getBean(EliotDestinations.class).configured();
                    assertThat(configured.get("main").toString())
                            .isEqualTo("JsonFileDestination[" + file
                                    + ", flush every message, rollover at 300 bytes keeping 5]");
                    assertThat(configured.get("bridge").toString()).isEqualTo("Slf4jDestination[eliot.events at INFO]");
                });
        assertThat(warned())
                .containsExactly(
                        "eliot.destinations.main.path is deprecated and will be removed in the next release: "
                                + "use eliot.destinations.main.file.path instead",
                        "eliot.destinations.main.rollover-size is deprecated and will be removed in the next "
                                + "release: use eliot.destinations.main.file.rollover-size instead",
                        "eliot.destinations.bridge.logger-name is deprecated and will be removed in the next "
                                + "release: use eliot.destinations.bridge.slf4j.logger-name instead");
    }

    @Test
    void twoBlocksFailNamingBoth() {
        assertFailsNaming(
                "eliot.destinations.main.file",
                "and eliot.destinations.main.slf4j are both given: a destination has one type",
                "eliot.destinations.main.file.path=" + dir.resolve("app.log"),
                "eliot.destinations.main.slf4j.logger-name=x");
    }

    @Test
    void aBlockOfAnotherTypeThanTheTypeFails() {
        assertFailsNaming(
                "eliot.destinations.main.slf4j",
                "does not apply to a file destination",
                "eliot.destinations.main.type=file",
                "eliot.destinations.main.file.path=" + dir.resolve("app.log"),
                "eliot.destinations.main.slf4j.logger-name=x");
        assertFailsNaming(
                "eliot.destinations.main.file",
                "does not apply to a stdout destination",
                "eliot.destinations.main.type=stdout",
                "eliot.destinations.main.file.path=" + dir.resolve("app.log"));
    }

    @Test
    void neitherTypeNorBlockFails() {
        assertFailsNaming(
                "eliot.destinations.main.type",
                "is required: one of file, stdout, stderr, slf4j, journald, kafka, opentelemetry (or give the options block",
                "eliot.destinations.main.async=true");
    }

    @Test
    void mixingTheSpellingsInOneDestinationFailsNamingTheNestedOne() {
        assertFailsNaming(
                "eliot.destinations.main.rollover-size",
                "is the deprecated flat spelling, and eliot.destinations.main.file the nested one: write every "
                        + "option of this destination nested, as eliot.destinations.main.file.rollover-size",
                "eliot.destinations.main.file.path=" + dir.resolve("app.log"),
                "eliot.destinations.main.rollover-size=1MB");
    }

    /** The other nested values are checked in EliotAutoConfigurationTest, case by case. */
    @Test
    void aFileBlockWithoutAUsablePathFailsNamingFilePath() throws Exception {
        assertFailsNaming(
                "eliot.destinations.main.file.path",
                "is required for a file destination",
                "eliot.destinations.main.file.rollover-keep=2");
        Path plainFile = Files.writeString(dir.resolve("plain"), "not a directory");
        assertFailsNaming(
                "eliot.destinations.main.file.path",
                plainFile.toString(),
                "eliot.destinations.main.file.path=" + plainFile.resolve("app.log"));
    }

    @Test
    void badFlatValuesFailNamingTheFlatPropertyAsWritten() {
        assertFailsNaming(
                "eliot.destinations.main.flush-interval",
                "must be positive, was PT0S",
                "eliot.destinations.main.type=file",
                "eliot.destinations.main.path=" + dir.resolve("app.log"),
                "eliot.destinations.main.flush-interval=0s");
    }

    private void assertFailsNaming(String property, String problem, String... properties) {
        int before = Eliot.destinations().size();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EliotConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysed: %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Property: " + property)
                    .contains(problem);
        });
        assertThat(Eliot.destinations()).as("nothing registered").hasSize(before);
    }
}
