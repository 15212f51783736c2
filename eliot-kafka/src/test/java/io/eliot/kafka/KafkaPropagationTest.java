package io.eliot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.record.MessageRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task crossing a real broker: the header on the producer side, the continued task on the consumer side. */
class KafkaPropagationTest {

    private static KafkaCluster cluster;
    private static KafkaProducer<String, String> producer;
    private final MemoryDestination log = new MemoryDestination();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.start();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                        EliotProducerInterceptor.class.getName()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        producer.close();
        cluster.close();
    }

    @BeforeEach
    void capture() {
        Eliot.addDestination(log);
    }

    @AfterEach
    void stopCapturing() {
        Eliot.removeDestination(log);
    }

    @Test
    void eachRecordSentInsideAnActionCarriesAFreshTaskId() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        Action place = Eliot.startTask("orders:place");
        place.run(() -> {
            producer.send(new ProducerRecord<>(topic, "o-1")).get();
            producer.send(new ProducerRecord<>(topic, "o-2")).get();
        });

        List<ConsumerRecord<String, String>> records = cluster.readAll(topic);

        assertThat(records)
                .extracting(r -> KafkaCluster.header(r, EliotKafka.TASK_ID_HEADER))
                .containsExactly(place.taskUuid() + "@/2", place.taskUuid() + "@/3");
    }

    @Test
    void aRecordSentOutsideAnyActionOrWithItsOwnTaskIdIsSentUnchanged() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        producer.send(new ProducerRecord<>(topic, "outside")).get();
        ProducerRecord<String, String> forwarded = new ProducerRecord<>(topic, "forwarded");
        forwarded.headers().add(EliotKafka.TASK_ID_HEADER, "from-upstream".getBytes(StandardCharsets.UTF_8));
        Eliot.startTask("orders:forward").run(() -> producer.send(forwarded).get());

        List<ConsumerRecord<String, String>> records = cluster.readAll(topic);

        assertThat(records.get(0).headers().toArray()).isEmpty();
        assertThat(records.get(1).headers().headers(EliotKafka.TASK_ID_HEADER))
                .singleElement()
                .extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
                .isEqualTo("from-upstream");
    }

    @Test
    void theConsumerContinuesTheTaskAsAChildOfTheSendingAction() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        Eliot.startTask("orders:place", "order", "o-1")
                .run(() -> producer.send(new ProducerRecord<>(topic, "o-1")).get());

        for (ConsumerRecord<String, String> record : cluster.readAll(topic)) {
            EliotKafka.process(record, () -> Message.log("orders:shipped", "order", record.value()));
        }

        ParsedTask task = onlyTask();
        assertThat(task.complete()).isTrue();
        assertThat(Outline.of(task.root(), List.of("topic", "offset", "order"))).isEqualTo("""
                        orders:place succeeded order=o-1
                          eliot:remote_task succeeded
                            kafka:consume succeeded topic=%s offset=0
                              orders:shipped order=o-1
                        """.formatted(topic));
    }

    @Test
    void aFailingConsumerFailsTheProcessingAndGetsItsExceptionBack() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        Eliot.startTask("orders:place")
                .run(() -> producer.send(new ProducerRecord<>(topic, "o-1")).get());
        ConsumerRecord<String, String> record = cluster.readAll(topic).get(0);
        IllegalStateException outOfStock = new IllegalStateException("out of stock");

        assertThatThrownBy(() -> EliotKafka.process(record, () -> {
                    throw outOfStock;
                }))
                .isSameAs(outOfStock);

        assertThat(Outline.of(onlyTask().root(), List.of("reason"))).isEqualTo("""
                        orders:place succeeded
                          eliot:remote_task failed
                            kafka:consume failed
                        """);
        assertThat(log.messages().stream().filter(m -> "failed".equals(statusOf(m))))
                .allSatisfy(m -> assertThat(m.fields())
                        .containsEntry("exception", "java.lang.IllegalStateException")
                        .containsEntry("reason", "out of stock"));
    }

    @Test
    void anInvalidTaskIdStartsANewTaskThatSaysWhy() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        ProducerRecord<String, String> bad = new ProducerRecord<>(topic, "o-1");
        bad.headers().add(EliotKafka.TASK_ID_HEADER, "not-a-task\n{\"forged\":1}".getBytes(StandardCharsets.UTF_8));
        producer.send(bad).get();
        ConsumerRecord<String, String> record = cluster.readAll(topic).get(0);

        String result = EliotKafka.call(record, () -> "shipped");

        assertThat(result).isEqualTo("shipped");
        ParsedTask task = onlyTask();
        assertThat(Outline.of(task.root(), List.of("header"))).isEqualTo("""
                        kafka:consume succeeded
                          eliot:invalid_task_id header=x-eliot-task-id
                        """);
        MessageRecord rejection = log.messages().stream()
                .filter(m -> m.type().equals(EliotKafka.INVALID_TASK_ID))
                .findFirst()
                .orElseThrow();
        assertThat((String) rejection.fields().get("problem")).doesNotContain("\n");
    }

    @Test
    void aRejectedTaskIdIsQuotedAsTheSenderWroteItAsOverHttp() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        ProducerRecord<String, String> utf8 = new ProducerRecord<>(topic, "o-1");
        utf8.headers().add(EliotKafka.TASK_ID_HEADER, "café@/1".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> notUtf8 = new ProducerRecord<>(topic, "o-2");
        notUtf8.headers().add(EliotKafka.TASK_ID_HEADER, new byte[] {'x', (byte) 0xff, (byte) 0xc3, 'y'});
        producer.send(utf8).get();
        producer.send(notUtf8).get();

        for (ConsumerRecord<String, String> record : cluster.readAll(topic)) {
            EliotKafka.process(record, () -> {});
        }

        assertThat(log.messages().stream()
                        .filter(m -> m.type().equals(EliotKafka.INVALID_TASK_ID))
                        .map(m -> m.fields().get("problem")))
                .containsExactly(
                        "invalid serialized task id: it does not start with a task uuid (8-4-4-4-12 hexadecimal"
                                + " digits): \"café@/1\"",
                        "invalid serialized task id: it has no '@' between the task uuid and the task level:"
                                + " \"xÿÃy\"");
    }

    @Test
    void aRecordProcessedAgainIsATaskOfItsOwnThatNamesThePositionItWasSentFrom() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        Action place = Eliot.startTask("orders:place");
        place.run(() -> producer.send(new ProducerRecord<>(topic, "o-1")).get());
        ConsumerRecord<String, String> record = cluster.readAll(topic).get(0);
        IllegalStateException busy = new IllegalStateException("warehouse busy");

        assertThatThrownBy(() -> EliotKafka.process(record, () -> {
                    throw busy;
                }))
                .isSameAs(busy);
        EliotKafka.process(record, () -> Message.log("orders:shipped"));

        List<ParsedTask> tasks = tasks();
        assertThat(tasks).hasSize(2).allSatisfy(t -> assertThat(t.complete()).isTrue());
        assertThat(tasks.stream().map(t -> Outline.of(t.root(), List.of("redelivered_task_id"))))
                .containsExactlyInAnyOrder("""
                        orders:place succeeded
                          eliot:remote_task failed
                            kafka:consume failed
                        """, """
                        kafka:consume succeeded redelivered_task_id=%s@/2
                          orders:shipped
                        """.formatted(place.taskUuid()));
    }

    @Test
    void aRecordWithoutTaskIdIsANewTask() throws Exception {
        String topic = cluster.newTopic("orders", 1);
        producer.send(new ProducerRecord<>(topic, "o-1")).get();

        EliotKafka.process(cluster.readAll(topic).get(0), () -> Message.log("orders:shipped"));

        assertThat(Outline.of(onlyTask().root(), List.of())).isEqualTo("""
                        kafka:consume succeeded
                          orders:shipped
                        """);
    }

    private static String statusOf(MessageRecord m) {
        return m.actionStatus() == null ? null : m.actionStatus().wireName();
    }

    private ParsedTask onlyTask() {
        List<ParsedTask> tasks = tasks();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private List<ParsedTask> tasks() {
        List<ParsedTask> tasks = new ArrayList<>();
        LogParser parser = new LogParser(tasks::add, p -> {
            throw new AssertionError(p.toString());
        });
        log.messages().forEach(parser::accept);
        parser.finish();
        return tasks;
    }
}
