package io.eliot.tools;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of a Kafka topic as lines: every partition from its beginning up to the end offsets
 * of the moment reading starts, or on and on with {@code follow}. Reads without a consumer group,
 * so it commits nothing and disturbs no one.
 */
final class KafkaLines {

    /** Takes the lines read. */
    @FunctionalInterface
    interface Sink {
        void accept(String line, String source, long number);
    }

    private KafkaLines() {}

    /**
     * Hands every record's value to {@code sink}, its source {@code topic/partition@offset} (so
     * problems name the record), its number 0.
     *
     * @param idle run when a poll brings nothing (e.g. to flush output)
     * @throws java.io.IOException with a message fit for the user when the topic cannot be read
     */
    static void read(
            String bootstrapServers,
            String topic,
            Map<String, String> properties,
            boolean follow,
            Sink sink,
            Runnable idle)
            throws java.io.IOException {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "eliot-tools");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new java.io.IOException("kafka " + topic + ": no such topic at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (follow || partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!follow && r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // written after reading began
                    }
                    any = true;
                    String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    sink.accept(value, r.topic() + "/" + r.partition() + "@" + r.offset(), 0);
                }
                if (!any) {
                    idle.run();
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            throw new java.io.IOException(
                    "kafka " + topic + " at " + bootstrapServers + ": cannot read: " + e.getMessage(), e);
        }
    }
}
