package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.ConsoleDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.destination.Slf4jDestination;
import io.eliot.core.exception.ExceptionExtractor;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.settings.FieldLimits;
import io.eliot.spring.internal.EliotConfigurationFailureAnalyzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** {@link EliotAutoConfiguration}, property by property, read like a table of cases. */
class EliotAutoConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class))
            .withPropertyValues("spring.application.name=orders");

    /** The destinations Eliot writes to right now. */
    private static List<Destination> registered() {
        return Eliot.destinations();
    }

    // ---- destinations

    @Test
    void withNoDestinationConfiguredMessagesGoToStandardOutput() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(EliotDestinations.class).hasSingleBean(JsonLineEncoder.class);
            Map<String, Destination> configured =
                    context.getBean(EliotDestinations.class).configured();
            assertThat(configured).containsOnlyKeys("stdout");
            assertThat(configured.get("stdout")).isInstanceOf(ConsoleDestination.class);
            assertThat(registered()).contains(configured.get("stdout"));
        });
        assertThat(registered()).noneMatch(ConsoleDestination.class::isInstance);
    }

    @Test
    void eliotEnabledFalseConfiguresNothing() {
        runner.withPropertyValues("eliot.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EliotDestinations.class)
                        .doesNotHaveBean(EliotSettings.class));
    }

    @Test
    void aFileDestinationIsAsynchronousByDefaultAndEverythingIsWrittenWhenTheContextCloses() throws Exception {
        Path file = dir.resolve("logs/app.log");
        runner.withPropertyValues("eliot.destinations.main.type=file", "eliot.destinations.main.path=" + file)
                .run(context -> {
                    Destination main = context.getBean(EliotDestinations.class)
                            .configured()
                            .get("main");
                    assertThat(main).isInstanceOf(AsyncDestination.class);
                    assertThat(((AsyncDestination) main).delegate()).isInstanceOf(JsonFileDestination.class);
                    for (int i = 0; i < 500; i++) {
                        Eliot.log("app:tick", "n", i);
                    }
                });

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(500);
        assertThat(lines.get(499)).contains("\"n\":499").contains("\"app:tick\"");
    }

    @Test
    void fileOptionsAreApplied() throws Exception {
        Path file = dir.resolve("app.log");
        runner.withPropertyValues(
                        "eliot.destinations.main.file.path=" + file,
                        "eliot.destinations.main.async=false",
                        "eliot.destinations.main.file.flush-interval=1h",
                        "eliot.destinations.main.file.rollover-size=300B",
                        "eliot.destinations.main.file.rollover-keep=1")
                .run(context -> {
                    Destination main = context.getBean(EliotDestinations.class)
                            .configured()
                            .get("main");
                    assertThat(main).isInstanceOf(JsonFileDestination.class);
                    assertThat(main.toString()).contains("every PT1H").contains("rollover at 300 bytes keeping 1");
                    Eliot.log("app:one");
                    assertThat(Files.size(file))
                            .as("held until the interval or close")
                            .isZero();
                    for (int i = 0; i < 5; i++) {
                        Eliot.log("app:more", "n", i);
                    }
                });

        assertThat(dir.resolve("app.log.1")).exists();
        assertThat(dir.resolve("app.log.2")).doesNotExist();
    }

    @Test
    void consoleAndSlf4jDestinationsAreBuiltWithTheirOptions() {
        runner.withPropertyValues(
                        "eliot.destinations.out.type=stdout",
                        "eliot.destinations.err.type=stderr",
                        "eliot.destinations.err.async=true",
                        "eliot.destinations.err.queue-size=16",
                        "eliot.destinations.err.on-full=drop",
                        "eliot.destinations.err.close-timeout=2s",
                        "eliot.destinations.bridge.slf4j.logger-name=eliot.events",
                        "eliot.destinations.bridge.slf4j.level=debug")
                .run(context -> {
                    Map<String, Destination> configured =
                            context.getBean(EliotDestinations.class).configured();
                    assertThat(configured.get("out").toString()).isEqualTo("ConsoleDestination[stdout]");
                    assertThat(configured.get("err").toString())
                            .isEqualTo("AsyncDestination[ConsoleDestination[stderr], capacity 16, DROP]");
                    assertThat(((AsyncDestination) configured.get("err")).closeTimeout())
                            .isEqualTo(java.time.Duration.ofSeconds(2));
                    assertThat(configured.get("bridge")).isInstanceOf(Slf4jDestination.class);
                    assertThat(configured.get("bridge").toString())
                            .isEqualTo("Slf4jDestination[eliot.events at DEBUG]");
                });
    }

    @Test
    void destinationBeansAreRegisteredAndReplaceTheDefault() {
        runner.withBean("memory", MemoryDestination.class).run(context -> {
            MemoryDestination memory = context.getBean(MemoryDestination.class);
            assertThat(context.getBean(EliotDestinations.class).configured()).isEmpty();
            Eliot.log("app:event");
            assertThat(memory.messages()).extracting(MessageRecord::messageType).containsExactly("app:event");
        });
    }

    // ---- failures: each names its property, and nothing is half-configured

    private void assertFailsNaming(String property, String problem, String... properties) {
        int before = registered().size();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new EliotConfigurationFailureAnalyzer().analyze(failure);
            assertThat(analysis)
                    .as("analysed as an Eliot configuration failure: %s", failure)
                    .isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Property: " + property)
                    .contains(problem);
            assertThat(analysis.getAction()).contains(property);
        });
        assertThat(registered()).as("nothing registered").hasSize(before);
    }

    @Test
    void aDestinationWithoutATypeFails() {
        assertFailsNaming(
                "eliot.destinations.main.type",
                "is required: one of file, stdout, stderr, slf4j",
                "eliot.destinations.main.path=x.log");
    }

    @Test
    void anUnknownDestinationTypeFailsNamingTheProperty() {
        runner.withPropertyValues("eliot.destinations.main.type=kafkaa").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("kafkaa");
            BindException bind = findCause(context.getStartupFailure(), BindException.class);
            assertThat(bind.getProperty().getName().toString()).isEqualTo("eliot.destinations.main.type");
        });
    }

    @Test
    void aFileWithoutAPathFails() {
        assertFailsNaming(
                "eliot.destinations.main.file.path",
                "is required for a file destination",
                "eliot.destinations.main.type=file");
    }

    @Test
    void anUnwritablePathFailsAndTheOtherDestinationsAreNotLeftOpen() throws Exception {
        Path plainFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path good = dir.resolve("good.log");
        assertFailsNaming(
                "eliot.destinations.bad.file.path",
                "cannot open Eliot log file",
                "eliot.destinations.good.file.path=" + good,
                "eliot.destinations.bad.file.path=" + plainFile.resolve("app.log"));
        Eliot.log("app:after-failure");
        assertThat(Files.size(good)).isZero();
    }

    @Test
    void optionsOfAnotherTypeFail() {
        assertFailsNaming(
                "eliot.destinations.out.path",
                "does not apply to a stdout destination",
                "eliot.destinations.out.type=stdout",
                "eliot.destinations.out.path=x.log");
    }

    @Test
    void nonPositiveSizesFail() {
        assertFailsNaming(
                "eliot.destinations.main.queue-size",
                "must be positive, was 0",
                "eliot.destinations.main.type=stdout",
                "eliot.destinations.main.queue-size=0");
        assertFailsNaming(
                "eliot.destinations.main.file.rollover-size",
                "must be positive",
                "eliot.destinations.main.file.path=" + dir.resolve("a.log"),
                "eliot.destinations.main.file.rollover-size=0B");
        assertFailsNaming(
                "eliot.destinations.main.file.rollover-keep",
                "must not be negative, was -1",
                "eliot.destinations.main.file.path=" + dir.resolve("a.log"),
                "eliot.destinations.main.file.rollover-keep=-1");
        assertFailsNaming(
                "eliot.destinations.main.file.flush-interval",
                "must be positive",
                "eliot.destinations.main.file.path=" + dir.resolve("a.log"),
                "eliot.destinations.main.file.flush-interval=0s");
        assertFailsNaming("eliot.field-limit", "must be positive", "eliot.field-limit.max-elements=0");
        assertFailsNaming(
                "eliot.destinations.main.max-block",
                "applies only to on-full: block",
                "eliot.destinations.main.type=stdout",
                "eliot.destinations.main.async=true",
                "eliot.destinations.main.on-full=drop",
                "eliot.destinations.main.max-block=1s");
        assertFailsNaming(
                "eliot.destinations.main.close-timeout",
                "must not be negative",
                "eliot.destinations.main.type=stdout",
                "eliot.destinations.main.async=true",
                "eliot.destinations.main.close-timeout=-1s");
    }

    @Test
    void aBlankRedactedNameFails() {
        assertFailsNaming("eliot.redact", "must not be blank", "eliot.redact[0]=password", "eliot.redact[1]= ");
    }

    // ---- fields

    @Test
    void globalFieldsResolvePlaceholdersAndHostAndPidAreOptIn() {
        runner.withBean(MemoryDestination.class)
                .withPropertyValues(
                        "eliot.global-fields.service=${spring.application.name}",
                        "eliot.global-fields.version=1.2",
                        "eliot.include-host=true",
                        "eliot.include-process-id=true")
                .run(context -> {
                    Eliot.log("app:event");
                    MessageRecord m =
                            context.getBean(MemoryDestination.class).messages().get(0);
                    assertThat(m.globalFields())
                            .containsEntry("service", "orders")
                            .containsEntry("version", "1.2")
                            .containsEntry("pid", ProcessHandle.current().pid())
                            .containsKey("host");
                });
        Eliot.log("app:after");
        assertThat(Eliot.globalFields()).as("removed when the context closes").isEmpty();
    }

    @Test
    void defaultRedactionHidesPasswordsTokensSecretsAndCookies() {
        runner.withBean(MemoryDestination.class).run(context -> {
            Eliot.log("login", "user", "ada", "password", "p", "accessToken", "t", "Cookie", "c", "clientSecret", "s");
            assertThat(context.getBean(MemoryDestination.class)
                            .messages()
                            .get(0)
                            .fields())
                    .isEqualTo(Map.of(
                            "user", "ada",
                            "password", "<redacted>",
                            "accessToken", "<redacted>",
                            "Cookie", "<redacted>",
                            "clientSecret", "<redacted>"));
        });
    }

    @Test
    void fieldLimitsAreApplied() {
        runner.withPropertyValues(
                        "eliot.field-limit.max-string-length=10",
                        "eliot.field-limit.max-elements=2",
                        "eliot.field-limit.max-message-size=500")
                .run(context -> assertThat(FieldLimits.defaults()).isEqualTo(new FieldLimits(10, 2, 500)));
        assertThat(FieldLimits.defaults()).isEqualTo(FieldLimits.DEFAULT);
    }

    // ---- exception extractors

    @Test
    void configuredExtractorsReadBeanPropertiesOfTheException() {
        runner.withBean(MemoryDestination.class)
                .withPropertyValues("eliot.exception-extractors[java.sql.SQLException]=SQLState,errorCode")
                .run(context -> {
                    Eliot.startAction("db:query").finish(new SQLException("no table", "42P01", 7));
                    MessageRecord failed =
                            context.getBean(MemoryDestination.class).messages().get(1);
                    assertThat(failed.actionStatus()).isEqualTo(ActionStatus.FAILED);
                    assertThat(failed.fields())
                            .containsEntry("SQLState", "42P01")
                            .containsEntry("errorCode", 7);
                });
    }

    @Test
    void anUnknownExtractorClassFails() {
        assertFailsNaming(
                "eliot.exception-extractors[com.example.Missing]",
                "no such class on the class path: com.example.Missing",
                "eliot.exception-extractors[com.example.Missing]=code");
    }

    @Test
    void anExtractorForANonThrowableFails() {
        assertFailsNaming(
                "eliot.exception-extractors[java.lang.String]",
                "java.lang.String is not a Throwable",
                "eliot.exception-extractors[java.lang.String]=bytes");
    }

    @Test
    void anUnknownExtractorPropertyFailsListingTheReadableOnes() {
        assertFailsNaming(
                "eliot.exception-extractors[java.sql.SQLException]",
                "java.sql.SQLException has no readable property 'sqlstate'; it has [",
                "eliot.exception-extractors[java.sql.SQLException]=sqlstate");
    }

    static class Declined extends RuntimeException {
        final String code;

        Declined(String code) {
            this.code = code;
        }
    }

    @Configuration
    static class ExtractorBean {
        @Bean
        ExceptionExtractor<Declined> declinedExtractor() {
            return e -> Map.of("code", e.code);
        }
    }

    @Test
    void extractorBeansAreRegisteredForTheExceptionTheirTypeDeclares() {
        runner.withBean(MemoryDestination.class)
                .withUserConfiguration(ExtractorBean.class)
                .run(context -> {
                    Eliot.startAction("pay").finish(new Declined("insufficient_funds"));
                    assertThat(context.getBean(MemoryDestination.class)
                                    .messages()
                                    .get(1)
                                    .fields())
                            .containsEntry("code", "insufficient_funds");
                });
    }

    @Test
    void anExtractorBeanWithoutItsExceptionTypeFails() {
        runner.withBean("rawExtractor", ExceptionExtractor.class, () -> e -> Map.of())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("bean 'rawExtractor'")
                            .hasMessageContaining("must declare the exception it handles");
                });
    }

    // ---- serialization

    record Money(long cents) {}

    @Test
    void fieldsAreSerializedWithTheApplicationsJsonMapperAndItsSerializerBeans() {
        SimpleModule money = new SimpleModule().addSerializer(Money.class, new ValueSerializer<Money>() {
            @Override
            public void serialize(Money value, JsonGenerator g, SerializationContext context) {
                g.writeString(value.cents() / 100 + " EUR");
            }
        });
        ApplicationContextRunner withJackson = runner.withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class))
                .withBean("moneyModule", SimpleModule.class, () -> money);

        withJackson.run(context -> assertThat(context.getBean(JsonLineEncoder.class)
                        .encodeToString(MessageRecord.message(
                                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc",
                                io.eliot.core.record.TaskLevel.of(1),
                                0,
                                "shop:paid",
                                Map.of("price", new Money(1250)))))
                .contains("\"price\":\"12 EUR\""));
        withJackson
                .withPropertyValues("eliot.use-application-json-mapper=false")
                .run(context -> assertThat(context.getBean(JsonLineEncoder.class)
                                .encodeToString(MessageRecord.message(
                                        "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc",
                                        io.eliot.core.record.TaskLevel.of(1),
                                        0,
                                        "shop:paid",
                                        Map.of("price", new Money(1250)))))
                        .contains("\"price\":{\"cents\":1250}"));
    }

    // ---- back-off

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        JsonLineEncoder encoder = new JsonLineEncoder();
        EliotDestinations destinations = new EliotDestinations(Map.of(), List.of());
        runner.withBean(JsonLineEncoder.class, () -> encoder)
                .withBean(EliotDestinations.class, () -> destinations)
                .withBean(
                        EliotSettings.class,
                        () -> new EliotSettings(
                                Map.of("mine", true), io.eliot.core.settings.FieldRedaction.NONE, FieldLimits.DEFAULT))
                .withBean(EliotExceptionExtractors.class, () -> new EliotExceptionExtractors(Map.of()))
                .run(context -> {
                    assertThat(context.getBean(JsonLineEncoder.class)).isSameAs(encoder);
                    assertThat(context.getBean(EliotDestinations.class)).isSameAs(destinations);
                    assertThat(context.getBean(EliotSettings.class).globalFields())
                            .isEqualTo(Map.of("mine", true));
                    assertThat(context.getBean(EliotExceptionExtractors.class).extractors())
                            .isEmpty();
                });
    }

    static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getName() + " in " + failure);
    }
}
