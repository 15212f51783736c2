package io.eliot.spring.internal;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.ConsoleDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.FlushPolicy;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.Slf4jDestination;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.EliotProperties.DestinationProperties;
import io.eliot.spring.EliotProperties.DestinationType;
import io.eliot.spring.EliotProperties.FileProperties;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Builds the destinations {@code eliot.destinations} describes, checking every value first and
 * naming the property of the first bad one (as the application spelled it, nested or flat). All or
 * nothing: if one cannot be built, those already built are closed.
 */
public final class DestinationFactory {

    private static final Logger log = LoggerFactory.getLogger(DestinationFactory.class);

    /** The journald destination's class, in the optional eliot-journald module. */
    static final String JOURNALD_CLASS = "io.eliot.journald.JournaldDestination";

    private DestinationFactory() {}

    /** The destinations, by name, in the order configured. */
    public static Map<String, Destination> build(
            Map<String, DestinationProperties> configured, JsonLineEncoder encoder) {
        return build(configured, encoder, null, null, DestinationFactory.class.getClassLoader());
    }

    /**
     * The destinations, by name, in the order configured. {@code applicationName} (may be {@code
     * null}) is the default journald {@code SYSLOG_IDENTIFIER}; those of type {@code kafka} come
     * from {@code kafka} ({@code null} when Kafka's clients are not on the class path); eliot-journald
     * is looked for with {@code classLoader}. A deprecated flat option is logged as a warning naming
     * the nested property that replaces it.
     */
    public static Map<String, Destination> build(
            Map<String, DestinationProperties> configured,
            JsonLineEncoder encoder,
            String applicationName,
            KafkaDestinationProvider kafka,
            ClassLoader classLoader) {
        return build(configured, encoder, applicationName, kafka, null, classLoader);
    }

    /**
     * As {@link #build(Map, JsonLineEncoder, String, KafkaDestinationProvider, ClassLoader)}, with
     * those of type {@code opentelemetry} from {@code openTelemetry} ({@code null} when
     * eliot-opentelemetry is not on the class path).
     */
    public static Map<String, Destination> build(
            Map<String, DestinationProperties> configured,
            JsonLineEncoder encoder,
            String applicationName,
            KafkaDestinationProvider kafka,
            OpenTelemetryDestinationProvider openTelemetry,
            ClassLoader classLoader) {
        List<DestinationOptions> all = new ArrayList<>();
        configured.forEach((name, p) -> all.add(DestinationOptions.of(name, p, log::warn)));
        all.forEach(o -> check(o, kafka, openTelemetry, classLoader));
        Map<String, Destination> built = new LinkedHashMap<>();
        try {
            all.forEach(o -> built.put(o.name, build(o, encoder, applicationName, kafka, openTelemetry)));
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

    private static void check(
            DestinationOptions o,
            KafkaDestinationProvider kafka,
            OpenTelemetryDestinationProvider openTelemetry,
            ClassLoader classLoader) {
        switch (o.type) {
            case FILE -> checkFile(o);
            case SLF4J ->
                require(o.slf4j == null || o.slf4j.getLevel() != null, o.property("slf4j.level"), "must not be empty");
            case JOURNALD -> checkJournald(o, classLoader);
            case KAFKA -> {
                require(
                        kafka != null,
                        DestinationOptions.property(o.name, o.typeProperty),
                        "kafka needs org.apache.kafka:kafka-clients on the class path (and io.eliot:eliot-kafka)");
                String topic = o.kafka == null ? null : o.kafka.getTopic();
                require(topic == null || !topic.isBlank(), o.property("kafka.topic"), "must not be blank");
            }
            case OPENTELEMETRY -> {
                require(
                        openTelemetry != null,
                        DestinationOptions.property(o.name, o.typeProperty),
                        "opentelemetry needs io.eliot:eliot-opentelemetry on the class path (and an OpenTelemetry "
                                + "SDK, e.g. from spring-boot-starter-opentelemetry)");
                require(
                        !Boolean.TRUE.equals(o.properties.getAsync()),
                        o.property("async"),
                        "cannot be true for an opentelemetry destination: it reads the trace context of the "
                                + "logging thread (the SDK's batch processor already exports in the background)");
                int max = o.opentelemetry == null ? 1 : o.opentelemetry.getMaxOpenSpans();
                require(max >= 1, o.property("opentelemetry.max-open-spans"), "must be positive, was " + max);
            }
            default -> {
                // stdout and stderr have no options of their own
            }
        }
        DestinationProperties p = o.properties;
        require(p.getQueueSize() >= 1, o.property("queue-size"), "must be positive, was " + p.getQueueSize());
        require(p.getOnFull() != null, o.property("on-full"), "is required: block or drop");
        if (p.getMaxBlock() != null) {
            require(positive(p.getMaxBlock()), o.property("max-block"), "must be positive, was " + p.getMaxBlock());
            require(
                    p.getOnFull() == AsyncDestination.OverflowPolicy.BLOCK,
                    o.property("max-block"),
                    "applies only to on-full: block");
        }
        require(
                p.getCloseTimeout() != null && !p.getCloseTimeout().isNegative(),
                o.property("close-timeout"),
                "must not be negative, was " + p.getCloseTimeout());
    }

    private static void checkFile(DestinationOptions o) {
        FileProperties f = o.file;
        require(f != null && f.getPath() != null, o.property("file.path"), "is required for a file destination");
        require(
                f.getFlushInterval() == null || positive(f.getFlushInterval()),
                o.property("file.flush-interval"),
                "must be positive, was " + f.getFlushInterval());
        require(
                f.getRolloverSize() == null || f.getRolloverSize().toBytes() > 0,
                o.property("file.rollover-size"),
                "must be positive, was " + f.getRolloverSize());
        require(
                f.getRolloverKeep() >= 0,
                o.property("file.rollover-keep"),
                "must not be negative, was " + f.getRolloverKeep());
    }

    private static void checkJournald(DestinationOptions o, ClassLoader classLoader) {
        require(
                ClassUtils.isPresent(JOURNALD_CLASS, classLoader),
                DestinationFactory.property(o, o.typeProperty),
                "journald needs io.eliot:eliot-journald on the class path (and net.java.dev.jna:jna 5.x)");
        String unavailable = JournaldDestinations.unavailableReason();
        require(
                unavailable == null,
                DestinationFactory.property(o, o.typeProperty),
                "journald cannot be used in this application: " + unavailable);
        String identifier = o.journald == null ? null : o.journald.getSyslogIdentifier();
        require(
                identifier == null || !identifier.isBlank(),
                o.property("journald.syslog-identifier"),
                "must not be blank");
    }

    private static String property(DestinationOptions o, String option) {
        return DestinationOptions.property(o.name, option);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String property, String problem) {
        if (!ok) {
            throw new EliotConfigurationException(property, problem);
        }
    }

    private static Destination build(
            DestinationOptions o,
            JsonLineEncoder encoder,
            String applicationName,
            KafkaDestinationProvider kafka,
            OpenTelemetryDestinationProvider openTelemetry) {
        Destination destination = switch (o.type) {
            case FILE -> file(o, encoder);
            case STDOUT -> ConsoleDestination.stdout(encoder);
            case STDERR -> ConsoleDestination.stderr(encoder);
            case SLF4J ->
                Slf4jDestination.builder()
                        .loggerName(o.slf4j == null ? "eliot" : o.slf4j.getLoggerName())
                        .level(o.slf4j == null ? org.slf4j.event.Level.INFO : o.slf4j.getLevel())
                        .encoder(encoder)
                        .build();
            case JOURNALD -> JournaldDestinations.build(o, encoder, applicationName);
            case KAFKA -> kafka.create(o.name, o.kafka == null ? null : o.kafka.getTopic(), encoder);
            case OPENTELEMETRY ->
                o.opentelemetry == null
                        ? openTelemetry.create(false, 10_000)
                        : openTelemetry.create(o.opentelemetry.isActionSpans(), o.opentelemetry.getMaxOpenSpans());
        };
        DestinationProperties p = o.properties;
        boolean async =
                p.getAsync() != null ? p.getAsync() : o.type == DestinationType.FILE || o.type == DestinationType.KAFKA;
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

    private static Destination file(DestinationOptions o, JsonLineEncoder encoder) {
        FileProperties f = o.file;
        JsonFileDestination.Builder builder = JsonFileDestination.builder(f.getPath())
                .encoder(encoder)
                .flushPolicy(
                        f.getFlushInterval() == null
                                ? FlushPolicy.everyMessage()
                                : FlushPolicy.every(f.getFlushInterval()));
        if (f.getRolloverSize() != null) {
            builder.rollover(f.getRolloverSize().toBytes(), f.getRolloverKeep());
        }
        try {
            return builder.build();
        } catch (UncheckedIOException e) {
            throw new EliotConfigurationException(
                    o.property("file.path"), e.getCause().getMessage(), e);
        }
    }
}
