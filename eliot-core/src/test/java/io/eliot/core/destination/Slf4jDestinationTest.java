package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Through a real logback logger and appender. */
class Slf4jDestinationTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void attach() {
        logger = (Logger) LoggerFactory.getLogger("eliot.test");
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void eachMessageIsOneEventWhoseTextIsTheJsonLine() {
        Slf4jDestination destination = Slf4jDestination.builder()
                .loggerName("eliot.test")
                .level(org.slf4j.event.Level.DEBUG)
                .build();

        destination.write(Records.message(1));

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(event.getLoggerName()).isEqualTo("eliot.test");
        assertThat(event.getFormattedMessage() + "\n")
                .isEqualTo(new JsonLineEncoder().encodeToString(Records.message(1)));
        assertThat(event.getKeyValuePairs())
                .extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("task_uuid=" + Records.TASK, "task_level=/1");
    }

    @Test
    void failedActionsAndTracebacksAreErrors() {
        Slf4jDestination destination =
                Slf4jDestination.builder().loggerName("eliot.test").build();

        destination.write(Records.failedAction());
        destination.write(MessageRecord.message(
                Records.TASK, TaskLevel.of(3), 0, "eliot:traceback", Map.of("exception", "x", "reason", "y")));
        destination.write(Records.message(4));

        assertThat(appender.list)
                .extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.ERROR, Level.ERROR, Level.INFO);
    }

    @Test
    void levelsBelowTheLoggersAreNotEncodedAtAll() {
        logger.setLevel(Level.WARN);
        Slf4jDestination destination =
                Slf4jDestination.builder().loggerName("eliot.test").build();

        destination.write(Records.message(1));
        destination.write(Records.failedAction());

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR);
    }

    @Test
    void anUnserializableValueLeavesOneEventWithTheFailureInItsLine() {
        Slf4jDestination destination =
                Slf4jDestination.builder().loggerName("eliot.test").build();

        destination.write(MessageRecord.message(
                Records.TASK, TaskLevel.of(1), 0, "t", Map.of("bad", new JsonFileDestinationTest.Unserializable())));

        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getFormattedMessage())
                .contains("\"message_type\":\"t\"")
                .contains("\"eliot:serialization_failure\":[{\"field\":\"bad\"");
    }
}
