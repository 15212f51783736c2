package io.eliot.core.destination;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Hands each message to SLF4J as one event whose text is the JSON line, so an existing logback or
 * log4j2 pipeline carries Eliot output unchanged. Events of {@code failed} actions, {@code
 * eliot:traceback} and Eliot's own failure reports are logged at ERROR, the rest at the configured
 * level (default INFO). Each event also carries {@code task_uuid} and {@code task_level} as SLF4J
 * key-value pairs.
 *
 * <pre>{@code
 * Eliot.addDestination(Slf4jDestination.builder().loggerName("eliot").level(Level.INFO).build());
 * }</pre>
 *
 * <p>Needs {@code org.slf4j:slf4j-api} 2.x on the class path (an optional dependency of
 * eliot-core). Do not route these events back into Eliot, or every message loops.
 */
public final class Slf4jDestination implements Destination {

    private final Logger logger;
    private final Level level;
    private final JsonLineEncoder encoder;

    private Slf4jDestination(Builder b) {
        this.logger = LoggerFactory.getLogger(b.loggerName);
        this.level = b.level;
        this.encoder = b.encoder;
    }

    /** A builder; defaults: logger {@code eliot}, level INFO. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void write(MessageRecord message) {
        Level eventLevel = isError(message) ? Level.ERROR : level;
        if (!logger.isEnabledForLevel(eventLevel)) {
            return;
        }
        String[] lines = new String(encoder.encode(message), StandardCharsets.UTF_8).split("\n");
        // More than one line means the message could not be serialized: report it as an error.
        Level lineLevel = lines.length > 1 ? Level.ERROR : eventLevel;
        for (String line : lines) {
            logger.atLevel(lineLevel)
                    .addKeyValue("task_uuid", message.taskUuid())
                    .addKeyValue("task_level", message.taskLevel().toPath())
                    .log(line);
        }
    }

    private static boolean isError(MessageRecord message) {
        if (message.isAction()) {
            return message.actionStatus() == ActionStatus.FAILED;
        }
        String type = message.messageType();
        return type != null
                && (type.equals("eliot:traceback")
                        || type.equals("eliot:serialization_failure")
                        || type.equals("eliot:destination_failure"));
    }

    @Override
    public String toString() {
        return "Slf4jDestination[" + logger.getName() + " at " + level + "]";
    }

    /** Configures a {@link Slf4jDestination}. */
    public static final class Builder {
        private String loggerName = "eliot";
        private Level level = Level.INFO;
        private JsonLineEncoder encoder = new JsonLineEncoder();

        private Builder() {}

        /** The SLF4J logger name; default {@code eliot}. */
        public Builder loggerName(String loggerName) {
            this.loggerName = Objects.requireNonNull(loggerName, "loggerName");
            return this;
        }

        /** The level of ordinary messages; default INFO. Failures are always ERROR. */
        public Builder level(Level level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /** The encoder; default {@code new JsonLineEncoder()}. */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** Builds the destination. */
        public Slf4jDestination build() {
            return new Slf4jDestination(this);
        }
    }
}
