package io.eliot.spring.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Turns each logback event logged inside an Eliot action into an {@code eliot:slf4j} message at
 * that place in the tree, like Python Eliot's standard-library bridge ({@code eliot:stdlib}):
 * fields {@code log_level}, {@code logger}, {@code message} (formatted) and the event's SLF4J
 * key-value pairs (one named like an earlier field is kept as {@code user_<name>}); an exception is written right after as an {@code eliot:traceback} message.
 * Events outside any action are left alone, as are events of the loggers in {@code
 * ignoredLoggers} (and their children) and events logged while this appender is appending. List
 * the loggers of Eliot's SLF4J destinations in {@code ignoredLoggers} (the starter does): their
 * events are Eliot's own messages, which eliot-core would otherwise drop as re-entrant (counted in
 * {@code DeliveryCounters.droppedWhileWriting}). Nothing ever loops. Never throws.
 *
 * <pre>{@code
 * EliotLogbackAppender appender = new EliotLogbackAppender(Level.INFO, Set.of("eliot"));
 * appender.setContext(loggerContext);
 * appender.start();
 * loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
 * }</pre>
 */
public class EliotLogbackAppender extends AppenderBase<ILoggingEvent> {

    /** The message type of a bridged event. */
    public static final String MESSAGE_TYPE = "eliot:slf4j";

    /** The name the starter gives the appender on the root logger. */
    public static final String NAME = "ELIOT";

    private static final ThreadLocal<Boolean> APPENDING = new ThreadLocal<>();

    private final Level threshold;
    private final Set<String> ignoredLoggers;

    /** An appender for events at {@code threshold} or above, ignoring {@code ignoredLoggers}. */
    public EliotLogbackAppender(Level threshold, Set<String> ignoredLoggers) {
        this.threshold = threshold;
        this.ignoredLoggers = Set.copyOf(ignoredLoggers);
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (APPENDING.get() != null
                || !event.getLevel().isGreaterOrEqual(threshold)
                || Eliot.currentAction().isEmpty()
                || isIgnored(event.getLoggerName())) {
            return;
        }
        APPENDING.set(Boolean.TRUE);
        try {
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            List<Object> fields = new ArrayList<>(6 + (pairs == null ? 0 : 2 * pairs.size()));
            Collections.addAll(
                    fields,
                    "log_level",
                    event.getLevel().toString(),
                    "logger",
                    event.getLoggerName(),
                    "message",
                    event.getFormattedMessage());
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    if (pair != null) { // one named like a field above is kept as user_<name>
                        fields.add(pair.key);
                        fields.add(pair.value);
                    }
                }
            }
            Message.log(MESSAGE_TYPE, fields.toArray());
            IThrowableProxy proxy = event.getThrowableProxy();
            if (proxy instanceof ThrowableProxy throwable && throwable.getThrowable() != null) {
                Eliot.writeTraceback(throwable.getThrowable());
            }
        } catch (RuntimeException e) {
            // The logging path never throws into the application.
        } finally {
            APPENDING.remove();
        }
    }

    private boolean isIgnored(String loggerName) {
        if (loggerName == null) {
            return false;
        }
        for (String ignored : ignoredLoggers) {
            if (loggerName.equals(ignored) || loggerName.startsWith(ignored + ".")) {
                return true;
            }
        }
        return false;
    }
}
