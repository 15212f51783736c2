package io.eliot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The destination against a real broker: what lands in the topic, in which partition, and when. */
class KafkaDestinationTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void eachMessageIsOneRecordWhoseValueIsItsJsonLineAndWhoseKeyIsItsTask() throws Exception {
        String topic = cluster.newTopic("logs", 1);
        KafkaDestination kafka =
                KafkaDestination.builder(cluster.bootstrapServers(), topic).build();
        Eliot.addDestination(kafka);
        try {
            Eliot.startTask("shop:checkout", "cart", 42).run(() -> Message.log("shop:priced", "total", 12.5));
        } finally {
            Eliot.removeDestination(kafka);
            kafka.close();
        }

        List<ConsumerRecord<String, String>> records = cluster.readAll(topic);

        assertThat(records).hasSize(3);
        List<MessageRecord> messages = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            assertThat(r.value()).doesNotContain("\n").startsWith("{").endsWith("}");
            MessageRecord m = LogParser.readMessage(r.value(), topic, r.offset(), p -> {
                        throw new AssertionError(p.toString());
                    })
                    .orElseThrow();
            assertThat(r.key()).isEqualTo(m.taskUuid());
            messages.add(m);
        }
        assertThat(messages)
                .extracting(MessageRecord::type)
                .containsExactly("shop:checkout", "shop:priced", "shop:checkout");
        assertThat(messages.get(1).fields()).containsEntry("total", 12.5);
        assertThat(kafka.acknowledged()).isEqualTo(3);
        assertThat(kafka.failed()).isZero();
    }

    @Test
    void theMessagesOfOneTaskStayInOrderInOnePartition() throws Exception {
        String topic = cluster.newTopic("logs", 4);
        KafkaDestination kafka =
                KafkaDestination.builder(cluster.bootstrapServers(), topic).build();
        Eliot.addDestination(kafka);
        List<String> tasks = new ArrayList<>();
        try {
            for (int t = 0; t < 12; t++) {
                int task = t;
                Eliot.startTask("job:run", "job", task).run(() -> {
                    tasks.add(Eliot.currentAction().orElseThrow().taskUuid());
                    for (int n = 0; n < 5; n++) {
                        Message.log("job:step", "n", n);
                    }
                });
            }
        } finally {
            Eliot.removeDestination(kafka);
            kafka.close();
        }

        Map<String, List<ConsumerRecord<String, String>>> byTask = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : cluster.readAll(topic)) {
            byTask.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }

        assertThat(byTask.keySet()).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(byTask.values().stream().map(rs -> rs.get(0).partition()).distinct())
                .as("twelve tasks spread over the partitions")
                .hasSizeGreaterThan(1);
        for (List<ConsumerRecord<String, String>> rs : byTask.values()) {
            assertThat(rs)
                    .extracting(ConsumerRecord::partition)
                    .containsOnly(rs.get(0).partition());
            ParseResult parsed =
                    LogParser.parse(rs.stream().map(ConsumerRecord::value).toList());
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.tasks())
                    .singleElement()
                    .satisfies(t -> assertThat(t.complete()).isTrue());
            List<Object> steps = rs.stream()
                    .map(r -> LogParser.readMessage(r.value(), "", 0, p -> {}).orElseThrow())
                    .filter(m -> m.type().equals("job:step"))
                    .map(m -> m.fields().get("n"))
                    .toList();
            assertThat(steps).as("in the order logged").containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void closeSendsEverythingStillBuffered() throws Exception {
        String topic = cluster.newTopic("logs", 1);
        KafkaDestination kafka = KafkaDestination.builder(cluster.bootstrapServers(), topic)
                .property("linger.ms", 600_000) // nothing would leave before close
                .property("batch.size", 1_000_000)
                .build();
        Eliot.addDestination(kafka);
        try {
            for (int n = 0; n < 200; n++) {
                Eliot.log("bulk:item", "n", n);
            }
        } finally {
            Eliot.removeDestination(kafka);
        }
        assertThat(kafka.acknowledged()).as("still buffered").isZero();

        kafka.close();

        assertThat(cluster.readAll(topic)).hasSize(200);
        assertThat(kafka.acknowledged()).isEqualTo(200);
    }

    @Test
    void aMessageWithAValueThatCannotBeSerializedIsOneRecordWithTheFailureInItsLine() throws Exception {
        String topic = cluster.newTopic("logs", 1);
        KafkaDestination kafka =
                KafkaDestination.builder(cluster.bootstrapServers(), topic).build();
        Object unserializable = new Object() {
            public String getBoom() {
                throw new IllegalStateException("no JSON for me");
            }
        };
        MessageRecord message = MessageRecord.message(
                java.util.UUID.randomUUID().toString(),
                TaskLevel.ROOT.child(),
                System.currentTimeMillis() * 1000,
                "test:bad",
                Map.of("value", unserializable));
        try {
            kafka.write(message);
        } finally {
            kafka.close();
        }

        List<ConsumerRecord<String, String>> records = cluster.readAll(topic);

        List<MessageRecord> messages = records.stream()
                .map(r -> LogParser.readMessage(r.value(), "", 0, p -> {}).orElseThrow())
                .toList();
        assertThat(messages).extracting(MessageRecord::type).containsExactly("test:bad");
        assertThat(messages.get(0).fields().get("value"))
                .isEqualTo("<not logged: java.lang.IllegalStateException: no JSON for me>");
        assertThat(records.get(0).value()).contains("\"eliot:serialization_failure\":[{\"field\":\"value\"");
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).key()).isEqualTo(messages.get(i).taskUuid());
        }
    }

    @Test
    void theSettingsTheDestinationOwnsCannotBeOverridden() {
        for (String owned : List.of("key.serializer", "value.serializer", "bootstrap.servers", "transactional.id")) {
            assertThatThrownBy(() ->
                            KafkaDestination.builder("localhost:9092", "logs").property(owned, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(owned);
        }
    }

    @Test
    void anInvalidProducerPropertyFailsWhenTheDestinationIsBuilt() {
        assertThatThrownBy(() -> KafkaDestination.builder("localhost:9092", "logs")
                        .property("acks", "sometimes")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("acks");
        assertThatThrownBy(() -> KafkaDestination.builder("no-such-host.invalid:9092", "logs")
                        .build())
                .isInstanceOf(org.apache.kafka.common.KafkaException.class);
        assertThatThrownBy(() -> KafkaDestination.builder(" ", "logs")).isInstanceOf(IllegalArgumentException.class);
    }
}
