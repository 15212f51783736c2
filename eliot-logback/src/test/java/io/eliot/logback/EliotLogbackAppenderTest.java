package io.eliot.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.destination.Slf4jDestination;
import io.eliot.core.record.MessageRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The appender on the real logback root logger, beside Eliot's own SLF4J destination. */
class EliotLogbackAppenderTest {

    private final LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final MemoryDestination memory = new MemoryDestination();
    private final Slf4jDestination toSlf4j =
            Slf4jDestination.builder().loggerName("eliot.loop").build();
    private EliotLogbackAppender appender;
    private ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> applicationsAppender;

    private void attach(Set<String> ignored) {
        appender = new EliotLogbackAppender();
        appender.setLevel(Level.INFO);
        ignored.forEach(appender::addIgnoredLogger);
        appender.setContext(loggerContext);
        appender.start();
        loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Set aside the appender logback-test.xml attaches (LogbackXmlTest), so only this test's one bridges. */
    @BeforeEach
    void setAsideRunningBridge() {
        ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        applicationsAppender = root.getAppender(EliotLogbackAppender.NAME);
        if (applicationsAppender != null) {
            root.detachAppender(applicationsAppender);
        }
    }

    @AfterEach
    void restoreRunningBridge() {
        if (applicationsAppender != null) {
            loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(applicationsAppender);
        }
    }

    @BeforeEach
    void addDestinations() {
        Eliot.addDestinations(memory, toSlf4j);
    }

    @AfterEach
    void detach() {
        if (appender != null) {
            loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
        Eliot.removeDestination(toSlf4j);
        Eliot.removeDestination(memory);
    }

    private List<String> typesIn(Action action) {
        return memory.messages().stream()
                .filter(m -> m.taskUuid().equals(action.taskUuid()))
                .map(MessageRecord::type)
                .toList();
    }

    @Test
    void withNoIgnoredLoggersNothingLoopsAndEliotsOwnEventsAreDroppedAndCounted() {
        attach(Set.of());
        long droppedBefore = Eliot.deliveryCounters().droppedWhileWriting();
        Action action = Eliot.startTask("test:work");

        action.run(() -> LoggerFactory.getLogger("test.loop").info("once"));

        assertThat(typesIn(action)).containsExactly("test:work", "eliot:slf4j", "test:work");
        assertThat(Eliot.deliveryCounters().droppedWhileWriting()).isGreaterThan(droppedBefore);
    }

    @Test
    void ignoringTheSlf4jDestinationsLoggersLeavesNothingToDrop() {
        // "eliot" covers eliot.loop here and the slf4j destinations of other tests' running contexts.
        attach(Set.of("eliot"));
        long droppedBefore = Eliot.deliveryCounters().droppedWhileWriting();
        Action action = Eliot.startTask("test:work");

        action.run(() -> LoggerFactory.getLogger("test.loop").info("once"));

        assertThat(typesIn(action)).containsExactly("test:work", "eliot:slf4j", "test:work");
        assertThat(Eliot.deliveryCounters().droppedWhileWriting()).isEqualTo(droppedBefore);
    }

    @Test
    void eventsOfIgnoredLoggersAndBelowTheThresholdAreNotBridged() {
        attach(Set.of("test.noisy"));
        Action action = Eliot.startTask("test:work");

        action.run(() -> {
            LoggerFactory.getLogger("test.noisy.child").info("ignored");
            LoggerFactory.getLogger("test.quiet").debug("below INFO");
            LoggerFactory.getLogger("test.noisyness").info("kept: only whole name segments match");
        });

        assertThat(memory.messages().stream()
                        .filter(m -> m.taskUuid().equals(action.taskUuid()))
                        .filter(m -> EliotLogbackAppender.MESSAGE_TYPE.equals(m.messageType()))
                        .map(m -> m.get("message")))
                .containsExactly("kept: only whole name segments match");
    }
}
