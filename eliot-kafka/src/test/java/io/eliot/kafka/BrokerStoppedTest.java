package io.eliot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.record.MessageRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker goes away while the application logs: reports and counts, never an exception. */
class BrokerStoppedTest {

    @Test
    void aBrokerStoppedMidRunIsReportedAndCountedAndTheApplicationCarriesOn() throws Exception {
        KafkaCluster cluster = KafkaCluster.start();
        String topic = cluster.newTopic("logs", 1);
        KafkaDestination kafka = KafkaDestination.builder(cluster.bootstrapServers(), topic)
                .property("delivery.timeout.ms", 3_000)
                .property("request.timeout.ms", 1_000)
                .property("max.block.ms", 1_000)
                .property("reconnect.backoff.max.ms", 200)
                .retryInterval(Duration.ofMillis(200))
                .closeTimeout(Duration.ofSeconds(1))
                .build();
        AsyncDestination queued = AsyncDestination.wrap(kafka);
        MemoryDestination watcher = new MemoryDestination();
        Eliot.addDestinations(watcher, queued);
        long failuresBefore = Eliot.deliveryCounters().destinationFailures();
        try {
            for (int n = 0; n < 10; n++) {
                Eliot.startTask("orders:place", "n", n).run(() -> Message.log("orders:priced"));
            }
            queued.flush();
            assertThat(kafka.acknowledged()).isEqualTo(30);

            cluster.close();
            assertThatCode(() -> {
                        for (int n = 10; n < 40; n++) {
                            Eliot.startTask("orders:place", "n", n).run(() -> Message.log("orders:priced"));
                        }
                    })
                    .doesNotThrowAnyException();
            MessageRecord failure = awaitFailureReport(watcher, Duration.ofSeconds(60));
            assertThat(failure.fields())
                    .containsEntry("destination", kafka.toString())
                    .containsKey("exception")
                    .containsKey("reason")
                    .containsKey("message");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (kafka.failed() < 90 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(kafka.failed())
                    .as("every message logged after the stop failed")
                    .isEqualTo(90);
            assertThat(watcher.messages().stream().filter(m -> m.type().startsWith("eliot:destination_")))
                    .as("one run of failures, reported once, whether send threw or delivery failed later")
                    .containsExactly(failure);
            assertThat(Eliot.deliveryCounters().destinationFailures() - failuresBefore)
                    .isGreaterThanOrEqualTo(kafka.failed());
            assertThat(watcher.messages().stream().filter(m -> m.type().equals("orders:place")))
                    .as("the other destination got every message")
                    .hasSize(80);
        } finally {
            Eliot.removeDestination(queued);
            Eliot.removeDestination(watcher);
            queued.close();
        }
        assertThat(kafka.acknowledged()).isEqualTo(30);
    }

    @Test
    void aBrokerThatComesBackIsWrittenToAgainAndTheRecoveryIsReported() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start()) {
            String topic = cluster.newTopic("logs", 1);
            KafkaDestination kafka = KafkaDestination.builder(cluster.bootstrapServers(), topic)
                    .property("delivery.timeout.ms", 3_000)
                    .property("request.timeout.ms", 1_000)
                    .property("max.block.ms", 1_000)
                    .property("reconnect.backoff.max.ms", 200)
                    .retryInterval(Duration.ofMillis(200))
                    .build();
            AsyncDestination queued = AsyncDestination.wrap(kafka);
            MemoryDestination watcher = new MemoryDestination();
            Eliot.addDestinations(watcher, queued);
            try {
                Eliot.log("outage:before");
                queued.flush();
                cluster.stopBroker();
                Eliot.log("outage:during");
                awaitFailureReport(watcher, Duration.ofSeconds(60));

                cluster.startBroker();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int n = 0;
                while (reports(watcher).size() < 2 && System.nanoTime() < deadline) {
                    Eliot.log("outage:after", "n", n++);
                    Thread.sleep(200);
                }

                assertThat(reports(watcher))
                        .extracting(MessageRecord::type)
                        .containsExactly("eliot:destination_failure", "eliot:destination_recovered");
                assertThat(reports(watcher).get(1).fields())
                        .containsEntry("destination", kafka.toString())
                        .containsEntry("failed_messages", kafka.failed());
            } finally {
                Eliot.removeDestination(queued);
                Eliot.removeDestination(watcher);
                queued.close();
            }
            assertThat(cluster.readAll(topic))
                    .extracting(r -> LogParser.readMessage(r.value(), "", 0, p -> {})
                            .orElseThrow()
                            .type())
                    .startsWith("outage:before")
                    .contains("outage:after")
                    .doesNotContain("outage:during");
        }
    }

    private static List<MessageRecord> reports(MemoryDestination watcher) {
        return watcher.messages().stream()
                .filter(m -> m.type().startsWith("eliot:destination_"))
                .toList();
    }

    private static MessageRecord awaitFailureReport(MemoryDestination watcher, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<MessageRecord> reports = watcher.messages().stream()
                    .filter(m -> "eliot:destination_failure".equals(m.type()))
                    .toList();
            if (!reports.isEmpty()) {
                return reports.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no eliot:destination_failure within " + timeout);
    }
}
