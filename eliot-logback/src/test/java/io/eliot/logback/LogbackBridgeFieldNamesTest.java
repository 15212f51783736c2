package io.eliot.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bridge's own field names and the names of an event's key-value pairs never hide each other. */
class LogbackBridgeFieldNamesTest {

    private final LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final MemoryDestination memory = new MemoryDestination();
    private final EliotLogbackAppender appender = new EliotLogbackAppender();
    private ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> applicationsAppender;

    @BeforeEach
    void attach() {
        ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        applicationsAppender = root.getAppender(EliotLogbackAppender.NAME); // logback-test.xml's
        if (applicationsAppender != null) {
            root.detachAppender(applicationsAppender);
        }
        appender.setContext(loggerContext);
        appender.start();
        root.addAppender(appender);
        Eliot.addDestination(memory);
    }

    @AfterEach
    void detach() {
        ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        if (applicationsAppender != null) {
            root.addAppender(applicationsAppender);
        }
        Eliot.removeDestination(memory);
    }

    @Test
    void keyValuePairsNamedLikeTheBridgesFieldsOrStructuralOnesAreAllKept() {
        Action action = Eliot.startTask("test:work");
        try (ContextScope ignored = action.context()) {
            LoggerFactory.getLogger("app.orders")
                    .atInfo()
                    .addKeyValue("message", "kv message")
                    .addKeyValue("logger", "kv logger")
                    .addKeyValue("task_uuid", "kv task")
                    .addKeyValue("message", "kv message again")
                    .log("stock low");
        }
        action.finish();

        MessageRecord bridged = memory.messages().stream()
                .filter(m -> EliotLogbackAppender.MESSAGE_TYPE.equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(bridged.fields())
                .containsExactly(
                        Map.entry("log_level", "INFO"),
                        Map.entry("logger", "app.orders"),
                        Map.entry("message", "stock low"),
                        Map.entry("user_message", "kv message"),
                        Map.entry("user_logger", "kv logger"),
                        Map.entry("user_task_uuid", "kv task"),
                        Map.entry("user_user_message", "kv message again"));
    }
}
