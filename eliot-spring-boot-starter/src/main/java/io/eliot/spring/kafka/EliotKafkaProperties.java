package io.eliot.spring.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Eliot's Kafka settings, under {@code eliot.kafka}: where destinations of type {@code kafka}
 * produce, and whether tasks are carried through records.
 *
 * <pre>
 * eliot:
 *   destinations:
 *     pipeline: { type: kafka }
 *   kafka:
 *     bootstrap-servers: kafka-1:9092,kafka-2:9092
 *     topic: eliot
 *     producer:
 *       compression.type: zstd
 * </pre>
 */
@ConfigurationProperties("eliot.kafka")
public class EliotKafkaProperties {

    /**
     * The Kafka cluster of kafka destinations (host:port, ...). Unset: spring.kafka.bootstrap-servers
     * when that is set.
     */
    private List<String> bootstrapServers = new ArrayList<>();

    /** The topic kafka destinations produce to, unless one sets its own (eliot.destinations.<name>.kafka.topic). */
    private String topic = "eliot";

    /**
     * Producer settings (ProducerConfig names) that override Eliot's defaults: acks=all, idempotence,
     * lz4 compression, linger.ms=20, batch.size=65536, max.block.ms=10000.
     */
    private Map<String, String> producer = new LinkedHashMap<>();

    /** How long closing a kafka destination waits for buffered records to be sent. */
    private Duration closeTimeout = Duration.ofSeconds(10);

    /**
     * After the cluster could not be reached within max.block.ms, writes to a kafka destination fail
     * at once (reported and counted) and the cluster is asked again this often until it answers.
     */
    private Duration retryInterval = Duration.ofSeconds(1);

    /** Task propagation through record headers. */
    private final Propagation propagation = new Propagation();

    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(List<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Map<String, String> getProducer() {
        return producer;
    }

    public void setProducer(Map<String, String> producer) {
        this.producer = producer;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Duration getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Propagation getPropagation() {
        return propagation;
    }

    /** Task propagation through record headers. */
    public static class Propagation {

        /**
         * Whether Spring Kafka producers add the x-eliot-task-id header to records sent inside an
         * action, and @KafkaListener methods continue that task.
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
