package io.eliot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.settings.FieldRedaction;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code *password*} redacted, no secret reaches a Kafka record (key, value or header), nor
 * the {@code eliot:destination_failure} report of a record Kafka could not take.
 */
class KafkaRedactionTest {

    private static final String SECRET = "hunter2";

    /** A record whose component has a getter that throws, quoting the password it was made with. */
    public record Creds(String user, String password, Extra extra) {}

    public static final class Extra {
        private final String hint;

        Extra(String hint) {
            this.hint = hint;
        }

        public String getDetail() {
            throw new IllegalStateException("no detail for the password " + hint);
        }
    }

    /** A record Jackson writes whole. */
    public record Login(String user, String password) {}

    @AfterEach
    void reset() {
        FieldRedaction.setCurrent(FieldRedaction.NONE);
    }

    @Test
    void noSecretInAnyRecordProducedNorInTheReportOfARecordKafkaCouldNotTake() throws Exception {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("*password*")));
        String topic;
        try (KafkaCluster cluster = KafkaCluster.start()) {
            topic = cluster.newTopic("redaction", 1);
            KafkaDestination kafka =
                    KafkaDestination.builder(cluster.bootstrapServers(), topic).build();
            Eliot.addDestination(kafka);
            try {
                Message.log("app:login", "creds", new Creds("ada", SECRET, new Extra(SECRET)));
                Message.log("app:login", "login", new Login("ada", SECRET));
            } finally {
                Eliot.removeDestination(kafka);
                kafka.close();
            }
            List<ConsumerRecord<String, String>> records = cluster.readAll(topic);

            assertThat(records)
                    .extracting(ConsumerRecord::value)
                    .anySatisfy(v -> assertThat(v)
                            .contains(
                                    "\"creds\":\"<not logged: java.lang.IllegalStateException: no detail for the password <redacted>>\"",
                                    "\"eliot:serialization_failure\":[{\"field\":\"creds\""));
            for (ConsumerRecord<String, String> r : records) {
                assertNoSecret("a record's key", r.key());
                assertNoSecret("a record's value", r.value());
                for (Header h : r.headers()) {
                    assertNoSecret("a record's header", h.key() + "=" + new String(h.value()));
                }
            }
        }

        MemoryDestination watcher = new MemoryDestination();
        KafkaDestination unreachable = KafkaDestination.builder("127.0.0.1:" + closedPort(), topic)
                .property("max.block.ms", 300)
                .closeTimeout(Duration.ZERO)
                .build();
        Eliot.addDestinations(watcher, unreachable);
        try {
            Message.log("app:login", "login", new Login("ada", SECRET));
            MessageRecord report = awaitFailureReport(watcher, Duration.ofSeconds(30));
            assertNoSecret("the failure report", new JsonLineEncoder().encodeToString(report));
            assertNoSecret("the failure report's toString()", report.toString());
            assertThat((String) report.fields().get("message")).contains("user=ada");
        } finally {
            Eliot.removeDestination(unreachable);
            Eliot.removeDestination(watcher);
            unreachable.close();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MessageRecord awaitFailureReport(MemoryDestination watcher, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MessageRecord> report = watcher.messages().stream()
                    .filter(m -> "eliot:destination_failure".equals(m.messageType()))
                    .findFirst();
            if (report.isPresent()) {
                return report.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no eliot:destination_failure within " + timeout + ": " + watcher.messages());
    }

    private static void assertNoSecret(String where, String written) {
        int at = written == null ? -1 : written.indexOf(SECRET);
        assertThat(at)
                .as(
                        "%s written to %s in: ...%s...",
                        SECRET,
                        where,
                        at < 0 ? "" : written.substring(Math.max(0, at - 300), Math.min(written.length(), at + 60)))
                .isNegative();
    }
}
