package io.eliot.kafka;

import io.eliot.core.destination.Destination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * destination in an {@code AsyncDestination} so only its writer thread waits. When a record times
 * out (no metadata within {@code max.block.ms}, or not sent within {@code delivery.timeout.ms}),
 * the cluster counts as unreachable: writes fail at once, reported and counted, while a thread of
 * its own asks the cluster to describe itself every {@link Builder#retryInterval retry interval};
 * once it answers, writes go to Kafka again. So an outage never costs {@code max.block.ms} per
 * message.
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
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean unreachable;
    private volatile boolean closed;
    private final Map<String, Object> probeConfig = new LinkedHashMap<>();

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
        // The probe connects like the producer (security settings and all), and only that.
        config.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) {
                probeConfig.put(name, value);
            }
        });
        probeConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, config.get(ProducerConfig.CLIENT_ID_CONFIG) + "-probe");
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
        if (unreachable && !closed) {
            failed.increment();
            throw new TimeoutException(
                    "Kafka at " + bootstrapServers + " did not answer in time; writes fail at once until it does");
        }
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
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), line);
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.increment();
                    Destination.reportDelivered(this);
                } else {
                    failed.increment();
                    if (failure instanceof TimeoutException) {
                        unreachable(); // no metadata within max.block.ms, or the record expired unsent
                    }
                    Destination.reportDeliveryFailure(this, message, failure);
                }
            });
        } catch (RuntimeException e) {
            failed.increment(); // Eliot reports it, as for any destination whose write throws
            throw e;
        }
    }

    /**
     * The cluster did not answer in time: fail writes at once, so no writer (nor the application
     * behind a full queue) waits {@code max.block.ms} for every message of an outage, until a probe
     * finds the cluster again.
     */
    private void unreachable() {
        unreachable = true;
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        Thread probe = new Thread(this::probe, "eliot-kafka-probe-" + topic);
        probe.setDaemon(true);
        probe.start();
    }

    /** Asks the cluster to describe itself every retry interval until it answers. */
    private void probe() {
        try (Admin admin = Admin.create(probeConfig)) {
            while (unreachable && !closed) {
                try {
                    admin.describeCluster().nodes().get(retryInterval.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                    unreachable = false;
                } catch (ExecutionException | java.util.concurrent.TimeoutException stillUnreachable) {
                    Thread.sleep(retryInterval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            unreachable = false; // cannot probe: let writes try (and report) for themselves
        } finally {
            probing.set(false);
        }
        if (unreachable && !closed) {
            unreachable(); // marked again while this probe was finishing
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
        closed = true;
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
        private Duration retryInterval = Duration.ofSeconds(1);

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
         * After a record timed out (the cluster is unreachable), writes fail at once and the cluster
         * is asked to describe itself this often, away from the writer (default 1 s), until it
         * answers. Records that fail this way are reported and counted like any other.
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
