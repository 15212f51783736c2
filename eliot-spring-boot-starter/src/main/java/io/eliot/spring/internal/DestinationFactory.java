package io.eliot.spring.internal;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.ConsoleDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.FlushPolicy;
import io.eliot.core.destination.JournaldDestination;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.Slf4jDestination;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.EliotProperties.DestinationProperties;
import io.eliot.spring.EliotProperties.DestinationType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the destinations {@code eliot.destinations} describes, checking every value first and
 * naming the property of the first bad one. All or nothing: if one cannot be built, those already
 * built are closed.
 */
public final class DestinationFactory {

    private DestinationFactory() {}

    /** The destinations, by name, in the order configured. */
    public static Map<String, Destination> build(
            Map<String, DestinationProperties> configured, JsonLineEncoder encoder) {
        return build(configured, encoder, null, null);
    }

    /**
     * The destinations, by name, in the order configured. {@code applicationName} (may be {@code
     * null}) is the default journald {@code SYSLOG_IDENTIFIER}; those of type {@code kafka} come
     * from {@code kafka} ({@code null} when Kafka's clients are not on the class path).
     */
    public static Map<String, Destination> build(
            Map<String, DestinationProperties> configured,
            JsonLineEncoder encoder,
            String applicationName,
            KafkaDestinationProvider kafka) {
        configured.forEach(DestinationFactory::check);
        configured.forEach((name, p) -> {
            if (p.getType() == DestinationType.KAFKA && kafka == null) {
                throw new EliotConfigurationException(
                        property(name, "type"),
                        "kafka needs org.apache.kafka:kafka-clients on the class path (and io.eliot:eliot-kafka)");
            }
        });
        Map<String, Destination> built = new LinkedHashMap<>();
        try {
            configured.forEach(
                    (name, properties) -> built.put(name, build(name, properties, encoder, applicationName, kafka)));
        } catch (RuntimeException e) {
            closeQuietly(new ArrayList<>(built.values()));
            throw e;
        }
        return built;
    }

    /** Closes {@code destinations}, ignoring failures (they are shutting down). */
    public static void closeQuietly(List<Destination> destinations) {
        for (Destination d : destinations) {
            try {
                d.close();
            } catch (Exception ignored) {
                // Closing at shutdown or after a failed start: nothing more to do.
            }
        }
    }

    private static String property(String name, String option) {
        return "eliot.destinations." + name + (option.isEmpty() ? "" : "." + option);
    }

    private static void check(String name, DestinationProperties p) {
        if (p.getType() == null) {
            throw new EliotConfigurationException(
                    property(name, "type"), "is required: one of file, stdout, stderr, slf4j, journald, kafka");
        }
        boolean file = p.getType() == DestinationType.FILE;
        if (file && p.getPath() == null) {
            throw new EliotConfigurationException(property(name, "path"), "is required for a file destination");
        }
        if (!file) {
            rejectUnless(p.getPath() == null, name, "path", p.getType());
            rejectUnless(p.getFlushInterval() == null, name, "flush-interval", p.getType());
            rejectUnless(p.getRolloverSize() == null, name, "rollover-size", p.getType());
        }
        if (p.getType() != DestinationType.SLF4J) {
            rejectUnless(p.getLoggerName() == null, name, "logger-name", p.getType());
            rejectUnless(p.getLevel() == null, name, "level", p.getType());
        }
        checkJournald(name, p);
        if (p.getFlushInterval() != null
                && (p.getFlushInterval().isNegative() || p.getFlushInterval().isZero())) {
            throw new EliotConfigurationException(
                    property(name, "flush-interval"), "must be positive, was " + p.getFlushInterval());
        }
        if (p.getRolloverSize() != null && p.getRolloverSize().toBytes() <= 0) {
            throw new EliotConfigurationException(
                    property(name, "rollover-size"), "must be positive, was " + p.getRolloverSize());
        }
        if (p.getRolloverKeep() < 0) {
            throw new EliotConfigurationException(
                    property(name, "rollover-keep"), "must not be negative, was " + p.getRolloverKeep());
        }
        if (p.getQueueSize() < 1) {
            throw new EliotConfigurationException(
                    property(name, "queue-size"), "must be positive, was " + p.getQueueSize());
        }
        if (p.getOnFull() == null) {
            throw new EliotConfigurationException(property(name, "on-full"), "is required: block or drop");
        }
        if (p.getMaxBlock() != null) {
            if (p.getMaxBlock().isNegative() || p.getMaxBlock().isZero()) {
                throw new EliotConfigurationException(
                        property(name, "max-block"), "must be positive, was " + p.getMaxBlock());
            }
            if (p.getOnFull() != io.eliot.core.destination.AsyncDestination.OverflowPolicy.BLOCK) {
                throw new EliotConfigurationException(property(name, "max-block"), "applies only to on-full: block");
            }
        }
        if (p.getCloseTimeout() == null || p.getCloseTimeout().isNegative()) {
            throw new EliotConfigurationException(
                    property(name, "close-timeout"), "must not be negative, was " + p.getCloseTimeout());
        }
    }

    private static void checkJournald(String name, DestinationProperties p) {
        if (p.getType() != DestinationType.JOURNALD) {
            rejectUnless(p.getSocketPath() == null, name, "socket-path", p.getType());
            rejectUnless(p.getSyslogIdentifier() == null, name, "syslog-identifier", p.getType());
            return;
        }
        String unavailable = JournaldDestination.unavailableReason();
        if (unavailable != null) {
            throw new EliotConfigurationException(
                    property(name, "type"), "journald cannot be used in this application: " + unavailable);
        }
        if (p.getSyslogIdentifier() != null && p.getSyslogIdentifier().isBlank()) {
            throw new EliotConfigurationException(property(name, "syslog-identifier"), "must not be blank");
        }
    }

    private static Destination journald(
            String name, DestinationProperties p, JsonLineEncoder encoder, String applicationName) {
        JournaldDestination.Builder builder = JournaldDestination.builder().encoder(encoder);
        if (p.getSocketPath() != null) {
            builder.socketPath(p.getSocketPath());
        }
        if (p.getSyslogIdentifier() != null) {
            builder.syslogIdentifier(p.getSyslogIdentifier());
        } else if (applicationName != null && !applicationName.isBlank()) {
            builder.syslogIdentifier(applicationName);
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new EliotConfigurationException(property(name, "socket-path"), e.getMessage(), e);
        }
    }

    private static void rejectUnless(boolean ok, String name, String option, DestinationType type) {
        if (!ok) {
            throw new EliotConfigurationException(
                    property(name, option), "does not apply to a " + type.name().toLowerCase() + " destination");
        }
    }

    private static Destination build(
            String name,
            DestinationProperties p,
            JsonLineEncoder encoder,
            String applicationName,
            KafkaDestinationProvider kafka) {
        Destination destination = switch (p.getType()) {
            case FILE -> file(name, p, encoder);
            case STDOUT -> ConsoleDestination.stdout(encoder);
            case STDERR -> ConsoleDestination.stderr(encoder);
            case SLF4J ->
                Slf4jDestination.builder()
                        .loggerName(p.getLoggerName() == null ? "eliot" : p.getLoggerName())
                        .level(p.getLevel() == null ? org.slf4j.event.Level.INFO : p.getLevel())
                        .encoder(encoder)
                        .build();
            case JOURNALD -> journald(name, p, encoder, applicationName);
            case KAFKA -> kafka.create(name, encoder);
        };
        boolean async = p.getAsync() != null
                ? p.getAsync()
                : p.getType() == DestinationType.FILE || p.getType() == DestinationType.KAFKA;
        if (!async) {
            return destination;
        }
        AsyncDestination.Builder builder = AsyncDestination.builder(destination)
                .capacity(p.getQueueSize())
                .policy(p.getOnFull())
                .closeTimeout(p.getCloseTimeout());
        if (p.getMaxBlock() != null) {
            builder.maxBlock(p.getMaxBlock());
        }
        return builder.build();
    }

    private static Destination file(String name, DestinationProperties p, JsonLineEncoder encoder) {
        JsonFileDestination.Builder builder = JsonFileDestination.builder(p.getPath())
                .encoder(encoder)
                .flushPolicy(
                        p.getFlushInterval() == null
                                ? FlushPolicy.everyMessage()
                                : FlushPolicy.every(p.getFlushInterval()));
        if (p.getRolloverSize() != null) {
            builder.rollover(p.getRolloverSize().toBytes(), p.getRolloverKeep());
        }
        try {
            return builder.build();
        } catch (UncheckedIOException e) {
            throw new EliotConfigurationException(
                    property(name, "path"), e.getCause().getMessage(), e);
        }
    }
}
