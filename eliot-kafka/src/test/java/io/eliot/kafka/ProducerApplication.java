package io.eliot.kafka;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.AsyncDestination;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer application, run in its own JVM by {@link CrossProcessTreesTest}: logs to the log topic
 * through a {@link KafkaDestination} and sends orders with the task id header.
 *
 * <p>Arguments: bootstrap servers, log topic, orders topic, application name, number of orders.
 */
public final class ProducerApplication {

    private ProducerApplication() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String logTopic = args[1];
        String ordersTopic = args[2];
        String app = args[3];
        int orders = Integer.parseInt(args[4]);
        Eliot.addGlobalFields("app", app);
        Eliot.addDestination(AsyncDestination.wrap(
                KafkaDestination.builder(bootstrap, logTopic).build()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                        EliotProducerInterceptor.class.getName()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int n = 0; n < orders; n++) {
                String order = app + "-" + n;
                Eliot.startTask("shop:order", "order", order).run(() -> {
                    Message.log("shop:priced", "total", 10);
                    producer.send(new ProducerRecord<>(ordersTopic, order)).get();
                });
            }
        }
        Eliot.closeDestinations();
        System.out.println("sent " + orders);
    }
}
