package io.eliot.spring.internal;

import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.EliotProperties.DestinationProperties;
import io.eliot.spring.EliotProperties.DestinationType;
import io.eliot.spring.EliotProperties.FileProperties;
import io.eliot.spring.EliotProperties.JournaldProperties;
import io.eliot.spring.EliotProperties.KafkaProperties;
import io.eliot.spring.EliotProperties.OpenTelemetryProperties;
import io.eliot.spring.EliotProperties.Slf4jProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One destination's type and options block, read from {@code eliot.destinations.<name>}: the type
 * given or inferred from the one block present, the deprecated flat options moved into their block
 * (each reported through {@code warn}), and every option's property as the application spelled it,
 * for error messages.
 */
final class DestinationOptions {

    /** The nested option that replaces each flat one. */
    private static final Map<String, String> REPLACEMENTS = Map.of(
            "path", "file.path",
            "flush-interval", "file.flush-interval",
            "rollover-size", "file.rollover-size",
            "rollover-keep", "file.rollover-keep",
            "logger-name", "slf4j.logger-name",
            "level", "slf4j.level",
            "socket-path", "journald.socket-path",
            "syslog-identifier", "journald.syslog-identifier");

    final String name;
    final DestinationProperties properties;
    final DestinationType type;
    final FileProperties file;
    final Slf4jProperties slf4j;
    final JournaldProperties journald;
    final KafkaProperties kafka;
    final OpenTelemetryProperties opentelemetry;
    /** Nested option (e.g. {@code file.path}) to the flat one the application wrote instead. */
    private final Map<String, String> flat;
    /** The property that said the type: {@code type}, or the block it was inferred from. */
    final String typeProperty;

    private DestinationOptions(
            String name,
            DestinationProperties properties,
            DestinationType type,
            String typeProperty,
            Map<DestinationType, Object> blocks,
            Map<String, String> flat) {
        this.name = name;
        this.properties = properties;
        this.type = type;
        this.typeProperty = typeProperty;
        this.file = (FileProperties) blocks.get(DestinationType.FILE);
        this.slf4j = (Slf4jProperties) blocks.get(DestinationType.SLF4J);
        this.journald = (JournaldProperties) blocks.get(DestinationType.JOURNALD);
        this.kafka = (KafkaProperties) blocks.get(DestinationType.KAFKA);
        this.opentelemetry = (OpenTelemetryProperties) blocks.get(DestinationType.OPENTELEMETRY);
        this.flat = flat;
    }

    /**
     * Reads {@code eliot.destinations.<name>}.
     *
     * @throws EliotConfigurationException naming the property, if no type can be told, a block does
     *     not match the type, two blocks are given, or the flat and nested spellings are mixed
     */
    @SuppressWarnings("removal")
    static DestinationOptions of(String name, DestinationProperties p, Consumer<String> warn) {
        Map<DestinationType, Object> blocks = new LinkedHashMap<>();
        putIfPresent(blocks, DestinationType.FILE, p.getFile());
        putIfPresent(blocks, DestinationType.SLF4J, p.getSlf4j());
        putIfPresent(blocks, DestinationType.JOURNALD, p.getJournald());
        putIfPresent(blocks, DestinationType.KAFKA, p.getKafka());
        putIfPresent(blocks, DestinationType.OPENTELEMETRY, p.getOpentelemetry());

        Map<String, Object> flatValues = new LinkedHashMap<>();
        flatValues.put("path", p.getPath());
        flatValues.put("flush-interval", p.getFlushInterval());
        flatValues.put("rollover-size", p.getRolloverSize());
        flatValues.put("rollover-keep", p.getRolloverKeep());
        flatValues.put("logger-name", p.getLoggerName());
        flatValues.put("level", p.getLevel());
        flatValues.put("socket-path", p.getSocketPath());
        flatValues.put("syslog-identifier", p.getSyslogIdentifier());
        flatValues.values().removeIf(v -> v == null);

        Map<String, String> flat = new LinkedHashMap<>();
        if (!flatValues.isEmpty()) {
            String first = flatValues.keySet().iterator().next();
            if (!blocks.isEmpty()) {
                DestinationType block = blocks.keySet().iterator().next();
                throw new EliotConfigurationException(
                        property(name, first),
                        "is the deprecated flat spelling, and " + property(name, blockName(block))
                                + " the nested one: write every option of this destination nested, as "
                                + property(name, REPLACEMENTS.get(first)));
            }
            Map<DestinationType, Object> moved = new LinkedHashMap<>();
            flatValues.forEach((option, value) -> {
                String nested = REPLACEMENTS.get(option);
                warn.accept(property(name, option) + " is deprecated and will be removed in the next release: use "
                        + property(name, nested) + " instead");
                flat.put(nested, option);
                DestinationType owner = typeOfBlock(nested.substring(0, nested.indexOf('.')));
                moveFlat(moved.computeIfAbsent(owner, DestinationOptions::newBlock), option, value);
            });
            blocks.putAll(moved);
        }

        DestinationType type = p.getType();
        String typeProperty = "type";
        if (type != null) {
            for (DestinationType block : blocks.keySet()) {
                if (block != type) {
                    String spelled = flat.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(blockName(block) + "."))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(blockName(block));
                    throw new EliotConfigurationException(
                            property(name, spelled), "does not apply to a " + typeName(type) + " destination");
                }
            }
        } else if (blocks.isEmpty() || !flat.isEmpty()) { // the flat spelling always needed a type
            throw new EliotConfigurationException(
                    property(name, "type"),
                    "is required: one of file, stdout, stderr, slf4j, journald, kafka, opentelemetry (or give the "
                            + "options block of the type instead: file, slf4j, journald, kafka or opentelemetry)");
        } else if (blocks.size() > 1) {
            List<String> given = new ArrayList<>();
            blocks.keySet().forEach(b -> given.add(property(name, blockName(b))));
            throw new EliotConfigurationException(
                    given.get(0),
                    "and " + given.get(1) + " are both given: a destination has one type; "
                            + "configure each as a destination of its own name");
        } else {
            type = blocks.keySet().iterator().next();
            typeProperty = blockName(type);
        }
        return new DestinationOptions(name, p, type, typeProperty, blocks, flat);
    }

    /** The property of {@code nested} (e.g. {@code file.path}) as the application spelled it. */
    String property(String nested) {
        return property(name, flat.getOrDefault(nested, nested));
    }

    static String property(String name, String option) {
        return "eliot.destinations." + name + (option.isEmpty() ? "" : "." + option);
    }

    static String typeName(DestinationType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String blockName(DestinationType type) {
        return typeName(type);
    }

    private static DestinationType typeOfBlock(String block) {
        return DestinationType.valueOf(block.toUpperCase(Locale.ROOT));
    }

    private static void putIfPresent(Map<DestinationType, Object> blocks, DestinationType type, Object block) {
        if (block != null) {
            blocks.put(type, block);
        }
    }

    private static Object newBlock(DestinationType type) {
        return switch (type) {
            case FILE -> new FileProperties();
            case SLF4J -> new Slf4jProperties();
            case JOURNALD -> new JournaldProperties();
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static void moveFlat(Object block, String option, Object value) {
        switch (option) {
            case "path" -> ((FileProperties) block).setPath((java.nio.file.Path) value);
            case "flush-interval" -> ((FileProperties) block).setFlushInterval((java.time.Duration) value);
            case "rollover-size" ->
                ((FileProperties) block).setRolloverSize((org.springframework.util.unit.DataSize) value);
            case "rollover-keep" -> ((FileProperties) block).setRolloverKeep((Integer) value);
            case "logger-name" -> ((Slf4jProperties) block).setLoggerName((String) value);
            case "level" -> ((Slf4jProperties) block).setLevel((org.slf4j.event.Level) value);
            case "socket-path" -> ((JournaldProperties) block).setSocketPath((java.nio.file.Path) value);
            case "syslog-identifier" -> ((JournaldProperties) block).setSyslogIdentifier((String) value);
            default -> throw new IllegalArgumentException(option);
        }
    }
}
