package io.eliot.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Turns each logback event logged inside an Eliot action into an {@code eliot:slf4j} message at
 * that place in the tree, like Python Eliot's standard-library bridge ({@code eliot:stdlib}):
 * fields {@code log_level}, {@code logger}, {@code message} (formatted) and the event's SLF4J
 * key-value pairs (one named like an earlier field is kept as {@code user_<name>}); an exception is
 * written right after as an {@code eliot:traceback} message. Events outside any action are left
 * alone, as are events below the {@linkplain #setLevel level}, events of the {@linkplain
 * #addIgnoredLogger ignored loggers} (and their children) and events logged while this appender is
 * * appending. Ignore the loggers of Eliot's SLF4J destinations ({@code eliot} unless named otherwise): their
 * events are Eliot's own messages, which eliot-core would otherwise drop as re-entrant (counted in
 * {@code DeliveryCounters.droppedWhileWriting}). Nothing ever loops. Never throws.
 *
 * <p>In {@code logback.xml} (logback calls the setters; {@code <ignoredLogger>} may repeat):
 *
 * <pre>{@code
 * <appender name="ELIOT" class="io.eliot.logback.EliotLogbackAppender">
 *   <level>INFO</level>
 *   <ignoredLogger>eliot</ignoredLogger>
 * </appender>
 * <root level="INFO">
 *   <appender-ref ref="ELIOT"/>
 * </root>
 * }</pre>
 *
 * <p>Or in code:
 *
 * <pre>{@code
 * EliotLogbackAppender appender = new EliotLogbackAppender();
 * appender.addIgnoredLogger("eliot");
 * appender.setContext(loggerContext);
 * appender.start();
 * loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
 * }</pre>
 */
public class EliotLogbackAppender extends AppenderBase<ILoggingEvent> {

    /** The message type of a bridged event. */
    public static final String MESSAGE_TYPE = "eliot:slf4j";

    /**
     * The appender's default name; the Spring Boot starter attaches none of its own when the root
     * logger already has an appender of this name (one from {@code logback.xml}).
     */
    public static final String NAME = "ELIOT";

    private static final ThreadLocal<Boolean> APPENDING = new ThreadLocal<>();

    private volatile Level level = Level.INFO;
    private volatile Set<String> ignoredLoggers = Set.of();

    /** An appender named {@link #NAME} for events at {@code INFO} or above, ignoring no logger. */
    public EliotLogbackAppender() {
        setName(NAME);
    }

    /** The lowest level of event that becomes an Eliot message; default {@code INFO}. */
    public void setLevel(Level level) {
        this.level = Objects.requireNonNull(level, "level");
    }

    /** The lowest level of event that becomes an Eliot message. */
    public Level getLevel() {
        return level;
    }

    /**
     * Ignores the events of {@code loggerName} and of its children ({@code a.b} covers {@code a.b.c},
     * not {@code a.bc}). In {@code logback.xml}: {@code <ignoredLogger>name</ignoredLogger>}, repeated.
     */
    public void addIgnoredLogger(String loggerName) {
        Objects.requireNonNull(loggerName, "loggerName");
        synchronized (this) {
            Set<String> next = new LinkedHashSet<>(ignoredLoggers);
            next.add(loggerName.strip());
            ignoredLoggers = Collections.unmodifiableSet(next);
        }
    }

    /** The ignored loggers, in the order added. */
    public Set<String> getIgnoredLoggers() {
        return ignoredLoggers;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (APPENDING.get() != null
                || !event.getLevel().isGreaterOrEqual(level)
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
