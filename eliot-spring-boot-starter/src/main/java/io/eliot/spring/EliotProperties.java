package io.eliot.spring;

import io.eliot.core.destination.AsyncDestination.OverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Eliot's configuration, under the prefix {@code eliot}.
 *
 * <pre>
 * eliot:
 *   destinations:
 *     main:
 *       file: { path: logs/app.log, rollover-size: 100MB, rollover-keep: 5 }
 *     console:
 *       type: stdout
 *   global-fields:
 *     service: ${spring.application.name}
 *   exception-extractors:
 *     "[java.sql.SQLException]": [SQLState, errorCode]
 * </pre>
 */
@ConfigurationProperties("eliot")
public class EliotProperties {

    /** Whether Eliot is configured from these properties at all. */
    private boolean enabled = true;

    /**
     * Where messages go, by a name of your choice. Each is of one type (file, stdout, stderr, slf4j,
     * journald, kafka), given by its type's options block (file, slf4j, journald, kafka) or by type.
     * When there are none here and no Destination beans either, messages go to standard output as
     * JSON lines.
     */
    private Map<String, DestinationProperties> destinations = new LinkedHashMap<>();

    /**
     * Fields added to every message, e.g. service: ${spring.application.name}. A message's own field of
     * the same name wins.
     */
    private Map<String, String> globalFields = new LinkedHashMap<>();

    /** Whether every message gets a "host" field with this machine's host name. */
    private boolean includeHost = false;

    /** Whether every message gets a "pid" field with this process's id. */
    private boolean includeProcessId = false;

    /**
     * Exception class name to the bean properties of that exception whose values become fields of
     * failed actions and tracebacks, e.g. "[java.sql.SQLException]": [SQLState, errorCode]. Use the
     * bracket form for class names in YAML keys.
     */
    private Map<String, List<String>> exceptionExtractors = new LinkedHashMap<>();

    /**
     * Field names (case-insensitive; * and ? are wildcards) whose values are replaced by "<redacted>"
     * in every message, at any depth of a map.
     */
    private List<String> redact =
            new ArrayList<>(List.of("*password*", "*secret*", "*token*", "authorization", "*cookie*"));

    /** Size limits for arguments and results logged by the annotations. */
    private final FieldLimit fieldLimit = new FieldLimit();

    /** The @LoggedAction and @LogMessage aspect. */
    private final Aspect aspect = new Aspect();

    /**
     * Whether field values are serialized with the application's Jackson JsonMapper (its modules and
     * serializers) rather than a default one.
     */
    private boolean useApplicationJsonMapper = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, DestinationProperties> getDestinations() {
        return destinations;
    }

    public void setDestinations(Map<String, DestinationProperties> destinations) {
        this.destinations = destinations;
    }

    public Map<String, String> getGlobalFields() {
        return globalFields;
    }

    public void setGlobalFields(Map<String, String> globalFields) {
        this.globalFields = globalFields;
    }

    public boolean isIncludeHost() {
        return includeHost;
    }

    public void setIncludeHost(boolean includeHost) {
        this.includeHost = includeHost;
    }

    public boolean isIncludeProcessId() {
        return includeProcessId;
    }

    public void setIncludeProcessId(boolean includeProcessId) {
        this.includeProcessId = includeProcessId;
    }

    public Map<String, List<String>> getExceptionExtractors() {
        return exceptionExtractors;
    }

    public void setExceptionExtractors(Map<String, List<String>> exceptionExtractors) {
        this.exceptionExtractors = exceptionExtractors;
    }

    public List<String> getRedact() {
        return redact;
    }

    public void setRedact(List<String> redact) {
        this.redact = redact;
    }

    public FieldLimit getFieldLimit() {
        return fieldLimit;
    }

    public Aspect getAspect() {
        return aspect;
    }

    public boolean isUseApplicationJsonMapper() {
        return useApplicationJsonMapper;
    }

    public void setUseApplicationJsonMapper(boolean useApplicationJsonMapper) {
        this.useApplicationJsonMapper = useApplicationJsonMapper;
    }

    /** The kinds of destination. */
    public enum DestinationType {
        /** JSON lines appended to a file; options under {@code file}. */
        FILE,
        /** JSON lines on standard output; no options of its own. */
        STDOUT,
        /** JSON lines on standard error; no options of its own. */
        STDERR,
        /** One SLF4J event per message, its text the JSON line; options under {@code slf4j}. */
        SLF4J,
        /** One entry per message in the local systemd journal (needs eliot-journald); options under {@code journald}. */
        JOURNALD,
        /** One Kafka record per message (needs kafka-clients); options under {@code kafka} and {@code eliot.kafka}. */
        KAFKA,
        /**
         * One OpenTelemetry log record per message (needs eliot-opentelemetry), through the
         * application's {@code OpenTelemetry} bean; options under {@code opentelemetry}.
         */
        OPENTELEMETRY
    }

    /**
     * One destination. Its type's options sit in a block named after the type ({@code file}, {@code
     * slf4j}, {@code journald}, {@code kafka}); {@code type} may be left out when such a block is
     * there, and is required otherwise ({@code stdout} and {@code stderr} have no options). A block of
     * another type than {@code type}, or two blocks, fail at startup naming the properties. The
     * options of the background writer ({@code async}, {@code queue-size}, ...) apply to every type
     * and sit on the destination itself.
     *
     * <pre>
     * eliot:
     *   destinations:
     *     main:
     *       file: { path: logs/app.log, rollover-size: 100MB }
     *     journal:
     *       type: journald
     * </pre>
     *
     * <p>The flat spelling of earlier releases ({@code eliot.destinations.main.path}, {@code
     * logger-name}, {@code socket-path}, ...) still works in this release, with a warning at startup
     * naming the nested property to use instead; a destination uses one spelling or the other.
     */
    public static class DestinationProperties {

        /**
         * The kind of destination: file, stdout, stderr, slf4j, journald, kafka or opentelemetry.
         * Optional when the destination has the options block of its type (file, slf4j, journald,
         * kafka, opentelemetry).
         */
        private DestinationType type;

        /** The options of a file destination. */
        private FileProperties file;

        /** The options of an slf4j destination. */
        private Slf4jProperties slf4j;

        /** The options of a journald destination. */
        private JournaldProperties journald;

        /** The options of a kafka destination (the cluster and producer: eliot.kafka). */
        private KafkaProperties kafka;

        /** The options of an opentelemetry destination. */
        private OpenTelemetryProperties opentelemetry;

        /**
         * Whether a background thread does the encoding and writing, behind a bounded queue. Default:
         * true for file and kafka, false for the others.
         */
        private Boolean async;

        /** For async: how many messages the queue holds. */
        private int queueSize = 8_192;

        /** For async: what a logging thread does when the queue is full: block (wait) or drop (count). */
        private OverflowPolicy onFull = OverflowPolicy.BLOCK;

        /**
         * For async with on-full=block: the longest a logging thread waits for room before its
         * message is dropped and counted; unset waits as long as it takes.
         */
        private Duration maxBlock;

        /**
         * For async: how long closing (at context close or JVM shutdown) waits for the queue to be
         * written; what is left then is counted as dropped and reported.
         */
        private Duration closeTimeout = Duration.ofSeconds(30);

        // The flat spelling of earlier releases, each replaced by an option of a block above.
        private Path path;
        private Duration flushInterval;
        private DataSize rolloverSize;
        private Integer rolloverKeep;
        private String loggerName;
        private Level level;
        private Path socketPath;
        private String syslogIdentifier;

        public DestinationType getType() {
            return type;
        }

        public void setType(DestinationType type) {
            this.type = type;
        }

        public FileProperties getFile() {
            return file;
        }

        public void setFile(FileProperties file) {
            this.file = file;
        }

        public Slf4jProperties getSlf4j() {
            return slf4j;
        }

        public void setSlf4j(Slf4jProperties slf4j) {
            this.slf4j = slf4j;
        }

        public JournaldProperties getJournald() {
            return journald;
        }

        public void setJournald(JournaldProperties journald) {
            this.journald = journald;
        }

        public KafkaProperties getKafka() {
            return kafka;
        }

        public void setKafka(KafkaProperties kafka) {
            this.kafka = kafka;
        }

        public OpenTelemetryProperties getOpentelemetry() {
            return opentelemetry;
        }

        public void setOpentelemetry(OpenTelemetryProperties opentelemetry) {
            this.opentelemetry = opentelemetry;
        }

        /**
         * The logger name of this destination if it is an slf4j one (nested or flat spelling), else
         * {@code null}; its events are Eliot's own messages.
         */
        public String slf4jLoggerName() {
            if (slf4j != null) {
                return slf4j.getLoggerName();
            }
            return type == DestinationType.SLF4J
                    ? (loggerName != null ? loggerName : Slf4jProperties.DEFAULT_LOGGER)
                    : null;
        }

        /** Deprecated: the log file of a file destination. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.file.path", since = "0.1.0")
        public Path getPath() {
            return path;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setPath(Path path) {
            this.path = path;
        }

        /** Deprecated: how often a file destination flushes. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.file.flush-interval", since = "0.1.0")
        public Duration getFlushInterval() {
            return flushInterval;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        /** Deprecated: the size a file destination rolls over at. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.file.rollover-size", since = "0.1.0")
        public DataSize getRolloverSize() {
            return rolloverSize;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setRolloverSize(DataSize rolloverSize) {
            this.rolloverSize = rolloverSize;
        }

        /** Deprecated: how many rolled-over files a file destination keeps. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.file.rollover-keep", since = "0.1.0")
        public Integer getRolloverKeep() {
            return rolloverKeep;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setRolloverKeep(Integer rolloverKeep) {
            this.rolloverKeep = rolloverKeep;
        }

        /** Deprecated: the logger of an slf4j destination. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.slf4j.logger-name", since = "0.1.0")
        public String getLoggerName() {
            return loggerName;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setLoggerName(String loggerName) {
            this.loggerName = loggerName;
        }

        /** Deprecated: the level of an slf4j destination's ordinary messages. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(replacement = "eliot.destinations.<name>.slf4j.level", since = "0.1.0")
        public Level getLevel() {
            return level;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setLevel(Level level) {
            this.level = level;
        }

        /** Deprecated: the socket of a journald destination. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(
                replacement = "eliot.destinations.<name>.journald.socket-path",
                since = "0.1.0")
        public Path getSocketPath() {
            return socketPath;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setSocketPath(Path socketPath) {
            this.socketPath = socketPath;
        }

        /** Deprecated: the SYSLOG_IDENTIFIER of a journald destination. */
        @Deprecated(since = "0.1.0", forRemoval = true)
        @DeprecatedConfigurationProperty(
                replacement = "eliot.destinations.<name>.journald.syslog-identifier",
                since = "0.1.0")
        public String getSyslogIdentifier() {
            return syslogIdentifier;
        }

        @Deprecated(since = "0.1.0", forRemoval = true)
        public void setSyslogIdentifier(String syslogIdentifier) {
            this.syslogIdentifier = syslogIdentifier;
        }

        public Boolean getAsync() {
            return async;
        }

        public void setAsync(Boolean async) {
            this.async = async;
        }

        public int getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(int queueSize) {
            this.queueSize = queueSize;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        public OverflowPolicy getOnFull() {
            return onFull;
        }

        public void setOnFull(OverflowPolicy onFull) {
            this.onFull = onFull;
        }
    }

    /** The options of a file destination ({@code eliot.destinations.<name>.file}). */
    public static class FileProperties {

        /** The log file; it and its directories are created, and it is appended to. Required. */
        private Path path;

        /** How often buffered lines are flushed; unset flushes after every message. */
        private Duration flushInterval;

        /** Roll the file over before it grows past this size; unset never rolls over. */
        private DataSize rolloverSize;

        /** How many rolled-over files (app.log.1, app.log.2, ...) to keep. */
        private int rolloverKeep = 5;

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public Duration getFlushInterval() {
            return flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public DataSize getRolloverSize() {
            return rolloverSize;
        }

        public void setRolloverSize(DataSize rolloverSize) {
            this.rolloverSize = rolloverSize;
        }

        public int getRolloverKeep() {
            return rolloverKeep;
        }

        public void setRolloverKeep(int rolloverKeep) {
            this.rolloverKeep = rolloverKeep;
        }
    }

    /** The options of an slf4j destination ({@code eliot.destinations.<name>.slf4j}). */
    public static class Slf4jProperties {

        static final String DEFAULT_LOGGER = "eliot";

        /** The logger name. */
        private String loggerName = DEFAULT_LOGGER;

        /** The level of ordinary messages; failures are always ERROR. */
        private Level level = Level.INFO;

        public String getLoggerName() {
            return loggerName;
        }

        public void setLoggerName(String loggerName) {
            this.loggerName = loggerName;
        }

        public Level getLevel() {
            return level;
        }

        public void setLevel(Level level) {
            this.level = level;
        }
    }

    /** The options of a journald destination ({@code eliot.destinations.<name>.journald}). */
    public static class JournaldProperties {

        /** journald's native socket (default /run/systemd/journal/socket). */
        private Path socketPath;

        /**
         * The SYSLOG_IDENTIFIER of every entry (journalctl -t); default spring.application.name, else
         * the main class's simple name.
         */
        private String syslogIdentifier;

        public Path getSocketPath() {
            return socketPath;
        }

        public void setSocketPath(Path socketPath) {
            this.socketPath = socketPath;
        }

        public String getSyslogIdentifier() {
            return syslogIdentifier;
        }

        public void setSyslogIdentifier(String syslogIdentifier) {
            this.syslogIdentifier = syslogIdentifier;
        }
    }

    /**
     * The options of an opentelemetry destination ({@code eliot.destinations.<name>.opentelemetry}):
     * each message a log record through the application's {@code OpenTelemetry} bean (Boot's, with
     * spring-boot-starter-opentelemetry), else {@code GlobalOpenTelemetry}. Never async: it reads the
     * logging thread's trace context.
     */
    public static class OpenTelemetryProperties {

        /** Whether each action is also a span, nested as the actions are. */
        private boolean actionSpans;

        /** With action-spans: the most spans open at once; starting one more ends the oldest. */
        private int maxOpenSpans = 10_000;

        public boolean isActionSpans() {
            return actionSpans;
        }

        public void setActionSpans(boolean actionSpans) {
            this.actionSpans = actionSpans;
        }

        public int getMaxOpenSpans() {
            return maxOpenSpans;
        }

        public void setMaxOpenSpans(int maxOpenSpans) {
            this.maxOpenSpans = maxOpenSpans;
        }
    }

    /**
     * The options of a kafka destination ({@code eliot.destinations.<name>.kafka}); the cluster and
     * producer settings, shared by all kafka destinations, are under {@code eliot.kafka}.
     */
    public static class KafkaProperties {

        /** The topic this destination produces to; default eliot.kafka.topic. */
        private String topic;

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }
    }

    /** Size limits for values logged by the annotations. */
    public static class FieldLimit {

        /** Characters kept of a string field value; longer ones are cut with a marker. */
        private int maxStringLength = 1_000;

        /** Elements kept of a collection, map or array field value; more are cut with a marker. */
        private int maxElements = 100;

        /**
         * Characters kept of all the values of one logged message together (strings count their
         * length, every other value one); the rest is cut with a marker.
         */
        private int maxMessageSize = 100_000;

        public int getMaxStringLength() {
            return maxStringLength;
        }

        public void setMaxStringLength(int maxStringLength) {
            this.maxStringLength = maxStringLength;
        }

        public int getMaxElements() {
            return maxElements;
        }

        public void setMaxElements(int maxElements) {
            this.maxElements = maxElements;
        }

        public int getMaxMessageSize() {
            return maxMessageSize;
        }

        public void setMaxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }
    }

    /** The annotations' aspect. */
    public static class Aspect {

        /**
         * Whether @LoggedAction and @LogMessage on beans are applied through Spring AOP when classes are
         * not woven by AspectJ already.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
