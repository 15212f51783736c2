package io.eliot.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.eliot.logback.EliotLogbackAppender;
import io.eliot.spring.EliotAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the logback bridge is configured, and that it leaves the root logger as it found it. */
class EliotLogbackAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(EliotAutoConfiguration.class, EliotLogbackAutoConfiguration.class));

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void withLogbackTheBridgeIsOnTheRootLoggerUntilTheContextCloses() {
        boolean attachedBefore = root().getAppender(EliotLogbackAppender.NAME) != null;
        runner.run(context -> {
            assertThat(context).hasSingleBean(EliotLogbackAutoConfiguration.EliotLogbackBridge.class);
            assertThat(root().getAppender(EliotLogbackAppender.NAME)).isNotNull();
        });
        assertThat(root().getAppender(EliotLogbackAppender.NAME) != null).isEqualTo(attachedBefore);
    }

    @Test
    void thePropertiesAndTheSlf4jDestinationsLoggersAreSetOnTheAppender() {
        // A cached context of another test class may have attached its bridge: set it aside.
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> running =
                root().getAppender(EliotLogbackAppender.NAME);
        if (running != null) {
            root().detachAppender(running);
        }
        try {
            assertPropertiesAreSetOnTheAppender();
        } finally {
            if (running != null) {
                root().addAppender(running);
            }
        }
    }

    private void assertPropertiesAreSetOnTheAppender() {
        runner.withPropertyValues(
                        "eliot.logback.level=warn",
                        "eliot.logback.ignored-loggers=com.noisy",
                        "eliot.destinations.nested.slf4j.logger-name=eliot-json",
                        "eliot.destinations.flat.type=slf4j",
                        "eliot.destinations.flat.logger-name=json.flat",
                        "eliot.destinations.plain.type=slf4j")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ch.qos.logback.core.Appender<?> appender = root().getAppender(EliotLogbackAppender.NAME);
                    assertThat(appender).isInstanceOfSatisfying(EliotLogbackAppender.class, eliot -> {
                        assertThat(eliot.getLevel()).isEqualTo(Level.WARN);
                        assertThat(eliot.getIgnoredLoggers())
                                .containsExactly("com.noisy", "eliot", "io.eliot", "eliot-json", "json.flat");
                    });
                });
    }

    @Test
    void eliotLogbackEnabledFalseTurnsTheBridgeOff() {
        runner.withPropertyValues("eliot.logback.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(EliotLogbackAutoConfiguration.EliotLogbackBridge.class));
    }

    @Test
    void eliotEnabledFalseTurnsTheBridgeOff() {
        runner.withPropertyValues("eliot.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(EliotLogbackAutoConfiguration.EliotLogbackBridge.class));
    }
}
