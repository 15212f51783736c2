package io.eliot.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedTask;
import io.eliot.kafka.EliotKafka;
import io.eliot.kafka.KafkaCluster;
import io.eliot.kafka.Outline;
import io.eliot.spring.EliotAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A Spring Boot application with Spring Kafka and a real broker: a {@code KafkaTemplate} send inside
 * an action and the {@code @KafkaListener} that receives it form one tree in the log topic, which the
 * application writes through a destination of type {@code kafka}.
 */
class SpringKafkaTreeTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        QuietKafka.logs();
        cluster = KafkaCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    /** The application's listener. */
    static class Shipping {
        // o-1 once; o-broken ten times: Spring Kafka's default error handler redelivers it nine times.
        final CountDownLatch received = new CountDownLatch(1 + 10);
        final java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();
        final Map<String, String> taskIds = new ConcurrentHashMap<>();

        @KafkaListener(topics = "${orders.topic}", groupId = "shipping")
        void ship(ConsumerRecord<String, String> record) {
            Header header = record.headers().lastHeader(EliotKafka.TASK_ID_HEADER);
            taskIds.put(record.value(), header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            deliveries.incrementAndGet();
            Message.log("shop:shipped", "order", record.value());
            received.countDown();
            if (record.value().equals("o-broken")) {
                throw new IllegalStateException("no address for " + record.value());
            }
        }
    }

    @Test
    void aSendAndTheListenerThatReceivesItFormOneTreeInTheLogTopic() throws Exception {
        String logTopic = cluster.newTopic("logs", 2);
        String ordersTopic = cluster.newTopic("orders", 1);
        Shipping shipping = new Shipping();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EliotAutoConfiguration.class, EliotKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
                .withBean(Shipping.class, () -> shipping)
                .withPropertyValues(
                        "orders.topic=" + ordersTopic,
                        "spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "spring.kafka.listener.missing-topics-fatal=false",
                        "eliot.destinations.pipeline.type=kafka",
                        "eliot.kafka.topic=" + logTopic,
                        "eliot.global-fields.app=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    @SuppressWarnings("unchecked")
                    KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
                    Eliot.startTask("shop:order", "order", "o-1")
                            .run(() -> template.send(ordersTopic, "o-1").get());
                    Eliot.startTask("shop:order", "order", "o-broken")
                            .run(() -> template.send(ordersTopic, "o-broken").get());
                    assertThat(shipping.received.await(60, TimeUnit.SECONDS)).isTrue();
                }); // Closing stops the listener container (its last record finished) before the destinations.

        assertThat(shipping.deliveries).hasValue(11);
        assertThat(shipping.taskIds.values()).allSatisfy(id -> assertThat(id).matches("[0-9a-f-]{36}@/2"));
        ParseResult parsed = LogParser.parse(
                cluster.readAll(logTopic).stream().map(ConsumerRecord::value).toList());
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tasks())
                .allSatisfy(t -> assertThat(t.complete()).as("%s", t).isTrue());
        List<String> orders = parsed.tasks().stream()
                .map(ParsedTask::root)
                .filter(root -> root instanceof ParsedAction a && "shop:order".equals(a.actionType()))
                .map(root -> Outline.of(root, List.of("app", "order", "topic", "reason")))
                .toList();
        assertThat(orders).containsExactlyInAnyOrder("""
                        shop:order succeeded app=orders order=o-1
                          eliot:remote_task succeeded app=orders
                            kafka:consume succeeded app=orders topic=%1$s
                              shop:shipped app=orders order=o-1
                        """.formatted(ordersTopic), """
                        shop:order succeeded app=orders order=o-broken
                          eliot:remote_task failed app=orders
                            kafka:consume failed app=orders topic=%1$s
                              shop:shipped app=orders order=o-broken
                        """.formatted(ordersTopic));
        String brokenTaskId = shipping.taskIds.get("o-broken");
        assertThat(parsed.tasks().stream()
                        .map(ParsedTask::root)
                        .filter(root -> root instanceof ParsedAction a && "kafka:consume".equals(a.actionType()))
                        .map(root -> Outline.of(root, List.of("redelivered_task_id", "order"))))
                .as("each redelivery a task of its own, naming the position it was sent from")
                .hasSize(9)
                .containsOnly("""
                        kafka:consume failed redelivered_task_id=%s
                          shop:shipped order=o-broken
                        """.formatted(brokenTaskId));
    }
}
