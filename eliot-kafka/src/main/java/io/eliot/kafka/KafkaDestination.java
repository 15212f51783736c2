package io.eliot.kafka;

import io.eliot.core.Eliot;
import io.eliot.core.MessageRecord;
import io.eliot.core.destination.Destination;
import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces each message as one Kafka record: the value is its JSON line (without the newline), the
 * key its {@code task_uuid}, so the messages of one task stay in order in one partition.
 *
 * <pre>{@code
 * Eliot.addDestination(AsyncDestination.wrap(KafkaDestination.builder("kafka-1:9092", "eliot").build()));
 * }</pre>
 *
 * <p>The producer is idempotent with {@code acks=all}, {@code lz4} compression and a 20 ms linger
 * ({@link #DEFAULTS}); {@link Builder#property} overrides any of them. Delivery is asynchronous: a
 * record the broker does not acknowledge within {@code delivery.timeout.ms} (two minutes unless
 * overridden) is reported as {@code eliot:destination_failure} on the other destinations and
 * counted ({@link #failed()}, {@code Eliot.deliveryCounters()}); the next acknowledged record ends
 * the run with {@code eliot:destination_recovered}. Nothing is thrown into the application except
 * by {@link #write}, which Eliot turns into the same report. {@link #write} may block for up to
 * {@code max.block.ms} (10 s here) while the producer has no metadata or no buffer room: wrap the
 * destination in an {@code AsyncDestination} so only its writer thread waits. When that wait times
 * out (the cluster is unreachable), writes fail at once, reported and counted, for the {@link
 * Builder#retryInterval retry interval}, so an outage never costs {@code max.block.ms} per message.
 * {@link #close()} sends everything buffered first (waiting up to the close timeout).
 */
public final class KafkaDestination implements Destination {

    /** The producer settings used unless overridden. */
    public static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, "65536",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");

    /** Settings the destination owns: the records are bytes, the servers are given to the builder. */
    private static final Set<String> RESERVED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private static final String MAX_BLOCK_MS = ProducerConfig.MAX_BLOCK_MS_CONFIG;
    private static final Pattern TASK_UUID = Pattern.compile("\"task_uuid\"\\s*:\\s*\"([^\"]+)\"");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String bootstrapServers;
    private final JsonLineEncoder encoder;
    private final Duration closeTimeout;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Duration retryInterval;
    private volatile long pausedUntil; // System.nanoTime(); 0: not paused

    private KafkaDestination(Builder b) {
        this.topic = b.topic;
        this.bootstrapServers = b.bootstrapServers;
        this.encoder = b.encoder;
        this.closeTimeout = b.closeTimeout;
        this.retryInterval = b.retryInterval;
        Map<String, Object> config = new LinkedHashMap<>(DEFAULTS);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "eliot-" + CLIENTS.incrementAndGet());
        config.putAll(b.properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A builder for a destination producing to {@code topic} of the cluster at {@code
     * bootstrapServers} ({@code host:port[,host:port...]}).
     */
    public static Builder builder(String bootstrapServers, String topic) {
        return new Builder(bootstrapServers, topic);
    }

    /**
     * Encodes {@code message} and hands its record to the producer; the outcome is reported when the
     * broker answers.
     */
    @Override
    public void write(MessageRecord message) {
        byte[] encoded = encoder.encode(message);
        int end = encoded.length;
        if (end > 0 && encoded[end - 1] == '\n') {
            end--;
        }
        int newline = indexOf(encoded, (byte) '\n', 0, end);
        if (newline < 0) {
            send(message, message.taskUuid(), Arrays.copyOf(encoded, end));
            return;
        }
        // Not serializable: the encoder wrote its own messages instead, each a task of its own.
        for (int start = 0; start < end; ) {
            int stop = newline < 0 ? end : newline;
            byte[] line = Arrays.copyOfRange(encoded, start, stop);
            send(message, taskUuidOf(line, message.taskUuid()), line);
            start = stop + 1;
            newline = indexOf(encoded, (byte) '\n', start, end);
        }
    }

    private void send(MessageRecord message, String key, byte[] line) {
        long pausedUntil = this.pausedUntil;
        if (pausedUntil != 0 && System.nanoTime() - pausedUntil < 0) {
            failed.increment();
            throw new TimeoutException("Kafka did not take a record within " + MAX_BLOCK_MS
                    + " a moment ago; not waiting again before " + retryInterval.toMillis() + " ms have passed");
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), line);
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    this.pausedUntil = 0;
                    acknowledged.increment();
                    Eliot.reportDelivered(this);
                } else {
                    failed.increment();
                    Eliot.reportDeliveryFailure(this, message, failure);
                }
            });
        } catch (TimeoutException e) {
            // No metadata or no buffer room within max.block.ms: the cluster is unreachable. Fail fast
            // for a while, so a writer (and the application behind a full queue) never waits on
            // every message of an outage.
            long until = System.nanoTime() + retryInterval.toNanos();
            this.pausedUntil = until == 0 ? 1 : until;
            failed.increment();
            throw e;
        } catch (RuntimeException e) {
            failed.increment(); // Eliot reports it, as for any destination whose write throws
            throw e;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String taskUuidOf(byte[] line, String fallback) {
        Matcher m = TASK_UUID.matcher(new String(line, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : fallback;
    }

    /** Always: the broker's acknowledgement, not {@link #write}, tells whether a message was delivered. */
    @Override
    public boolean reportsDelivery() {
        return true;
    }

    /** Sends every buffered record and waits for the broker's answers. */
    @Override
    public void flush() {
        producer.flush();
    }

    /**
     * Sends everything buffered and closes the producer, waiting up to the close timeout; records
     * still unsent then are reported as failures.
     */
    @Override
    public void close() {
        producer.close(closeTimeout);
    }

    /** Records the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Records that could not be delivered (each reported, see the class description). */
    public long failed() {
        return failed.sum();
    }

    /** The topic written to. */
    public String topic() {
        return topic;
    }

    @Override
    public String toString() {
        return "KafkaDestination[topic " + topic + " at " + bootstrapServers + "]";
    }

    /** Builds a {@link KafkaDestination}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String topic;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private JsonLineEncoder encoder = new JsonLineEncoder();
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Duration retryInterval = Duration.ofSeconds(5);

        private Builder(String bootstrapServers, String topic) {
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            this.topic = requireText(topic, "topic");
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value.strip();
        }

        /**
         * Sets a producer property ({@code ProducerConfig}), overriding {@link #DEFAULTS}.
         *
         * @throws IllegalArgumentException for the serializers, {@code bootstrap.servers} and {@code
         *     transactional.id}, which the destination owns
         */
        public Builder property(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(
                        "producer property " + name + " cannot be set: the Kafka destination owns it");
            }
            properties.put(name, Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** Sets several producer properties; see {@link #property}. */
        public Builder properties(Map<String, ?> values) {
            values.forEach(this::property);
            return this;
        }

        /** The encoder of the JSON lines (e.g. one with the application's {@code JsonMapper}). */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** How long {@link #close()} waits for buffered records to be sent (default 10 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * How long writes fail at once after the producer could not take a record within {@code
         * max.block.ms} (no metadata: the cluster is unreachable), before the next write waits again
         * (default 5 s). Records that fail this way are reported and counted like any other.
         */
        public Builder retryInterval(Duration retryInterval) {
            if (retryInterval.isNegative()) {
                throw new IllegalArgumentException("retryInterval must not be negative, was " + retryInterval);
            }
            this.retryInterval = retryInterval;
            return this;
        }

        /**
         * Creates the producer. It connects lazily: a broker that is down is reported when messages
         * fail, not here.
         *
         * @throws org.apache.kafka.common.KafkaException (a {@code ConfigException}) if a property
         *     is invalid or no bootstrap server can be resolved
         */
        public KafkaDestination build() {
            return new KafkaDestination(this);
        }
    }
}
