package io.eliot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedTask;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two producer applications (each its own JVM) and one consumer (this JVM) log to one topic; read
 * back, their messages form one tree per order, across the three processes.
 */
class CrossProcessTreesTest {

    private static final int ORDERS_EACH = 3;

    @Test
    void producersAndConsumerLogOneTreePerOrderIntoTheTopic() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start()) {
            String logTopic = cluster.newTopic("logs", 3);
            String ordersTopic = cluster.newTopic("orders", 2);
            Process a = startProducer(cluster, logTopic, ordersTopic, "shop-a");
            Process b = startProducer(cluster, logTopic, ordersTopic, "shop-b");

            KafkaDestination consumerLog = KafkaDestination.builder(cluster.bootstrapServers(), logTopic)
                    .build();
            AsyncDestination queued = AsyncDestination.wrap(consumerLog);
            Eliot.addGlobalFields("app", "shipping");
            Eliot.addDestination(queued);
            List<ConsumerRecord<String, String>> consumed;
            try {
                consumed = consume(
                        cluster,
                        ordersTopic,
                        2 * ORDERS_EACH,
                        record ->
                                EliotKafka.process(record, () -> Message.log("shop:shipped", "order", record.value())));
            } finally {
                Eliot.removeDestination(queued);
                Eliot.removeGlobalFields("app");
                queued.close();
            }
            assertThat(awaitOutput(a)).isEqualTo("sent " + ORDERS_EACH);
            assertThat(awaitOutput(b)).isEqualTo("sent " + ORDERS_EACH);
            assertThat(consumed)
                    .allSatisfy(r -> assertThat(KafkaCluster.header(r, EliotKafka.TASK_ID_HEADER))
                            .matches("[0-9a-f-]{36}@/3"));

            ParseResult parsed = LogParser.parse(cluster.readAll(logTopic).stream()
                    .map(ConsumerRecord::value)
                    .toList());

            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.tasks()).allSatisfy(t -> assertThat(t.complete()).isTrue());
            List<String> expected = new ArrayList<>();
            for (String app : List.of("shop-a", "shop-b")) {
                for (int n = 0; n < ORDERS_EACH; n++) {
                    expected.add("""
                            shop:order succeeded app=%1$s order=%1$s-%2$d
                              shop:priced app=%1$s
                              eliot:remote_task succeeded app=shipping
                                kafka:consume succeeded app=shipping topic=%3$s
                                  shop:shipped app=shipping order=%1$s-%2$d
                            """.formatted(app, n, ordersTopic));
                }
            }
            assertThat(parsed.tasks().stream()
                            .map(ParsedTask::root)
                            .map(root -> Outline.of(root, List.of("app", "order", "topic"))))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static Process startProducer(KafkaCluster cluster, String logTopic, String ordersTopic, String app)
            throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ProducerApplication.class.getName(),
                        cluster.bootstrapServers(),
                        logTopic,
                        ordersTopic,
                        app,
                        String.valueOf(ORDERS_EACH))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String awaitOutput(Process p) throws Exception {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            return line;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Processes records of {@code topic}, all partitions from the beginning, until {@code count} came. */
    private static List<ConsumerRecord<String, String>> consume(
            KafkaCluster cluster,
            String topic,
            int count,
            java.util.function.Consumer<ConsumerRecord<String, String>> process) {
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (consumed.size() < count) {
                assertThat(System.nanoTime())
                        .as("%s orders consumed in time", count)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    process.accept(record);
                    consumed.add(record);
                }
            }
        }
        return consumed;
    }
}
