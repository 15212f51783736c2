package io.eliot.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appender as a logback user without Spring configures it: a plain {@code <appender class=...>}
 * in this module's {@code logback-test.xml}, which logback reads itself at startup.
 */
class LogbackXmlTest {

    private final LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final MemoryDestination memory = new MemoryDestination();

    @BeforeEach
    void addDestination() {
        Eliot.addDestination(memory);
    }

    @AfterEach
    void removeDestination() {
        Eliot.removeDestination(memory);
    }

    @Test
    void logbackXmlAttachesTheAppenderWithItsLevelAndIgnoredLoggers() {
        assertThat(loggerContext.getStatusManager().getCopyOfStatusList())
                .as("logback reported no configuration problem")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
        ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(EliotLogbackAppender.NAME))
                .isInstanceOfSatisfying(EliotLogbackAppender.class, appender -> {
                    assertThat(appender.isStarted()).isTrue();
                    assertThat(appender.getLevel()).isEqualTo(Level.WARN);
                    assertThat(appender.getIgnoredLoggers()).containsExactly("eliot", "test.ignored");
                });
    }

    @Test
    void eventsInsideAnActionAtTheConfiguredLevelBecomeMessagesOfItsTree() {
        Action action = Eliot.startTask("test:work");

        action.run(() -> {
            LoggerFactory.getLogger("test.app").info("below WARN");
            LoggerFactory.getLogger("test.ignored.child").warn("ignored logger");
            LoggerFactory.getLogger("test.app").warn("stock low", new IllegalStateException("empty"));
        });
        LoggerFactory.getLogger("test.app").warn("outside any action");

        assertThat(memory.messages())
                .filteredOn(m -> m.taskUuid().equals(action.taskUuid()))
                .extracting(MessageRecord::type)
                .containsExactly("test:work", "eliot:slf4j", "eliot:traceback", "test:work");
        assertThat(memory.messages())
                .filteredOn(m -> EliotLogbackAppender.MESSAGE_TYPE.equals(m.messageType()))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.get("message")).isEqualTo("stock low");
                    assertThat(m.get("log_level")).isEqualTo("WARN");
                    assertThat(m.get("logger")).isEqualTo("test.app");
                });
    }
}
