package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --kafka-bootstrap}/{@code --topic} against a real broker inside this JVM. */
class KafkaTopicTest {

    private static KafkaClusterTestKit cluster;
    private static String bootstrap;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void drawsTheTasksOfATopicWhoseMessagesAreSpreadOverPartitions() throws Exception {
        createTopic("spread", 3);
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        // Round-robin, so every task's messages are spread over all three partitions.
        produce("spread", lines, i -> i % 3);

        Tool.Result r = Tool.run("tree", "--kafka-bootstrap", bootstrap, "--topic", "spread");

        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isEqualTo(EliotTools.OK);
        assertThat(tasks(r.stdout())).containsExactlyInAnyOrderElementsOf(tasks(Tool.resource("java-app.tree.txt")));
    }

    @Test
    void prettyPrintsATopicAndNamesTheRecordsThatAreNotMessages() throws Exception {
        createTopic("with-noise", 1);
        produce(
                "with-noise",
                List.of(
                        "not json",
                        Tool.resource("java-app.log").lines().findFirst().orElseThrow()),
                i -> 0);

        Tool.Result r = Tool.run("prettyprint", "--compact", "--kafka-bootstrap=" + bootstrap, "--topic=with-noise");

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr()).startsWith("eliot-prettyprint: with-noise/0@0: ");
        assertThat(r.stdout()).contains("shop:order").hasLineCount(1);
    }

    @Test
    void aTopicThatDoesNotExistIsReported() {
        Tool.Result r = Tool.run(
                "tree",
                "--kafka-bootstrap",
                bootstrap,
                "--topic",
                "no-such-topic",
                "--kafka-property",
                "allow.auto.create.topics=false");

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr()).contains("no-such-topic").contains("no such topic");
    }

    @Test
    void kafkaOptionsAreCheckedBeforeAnythingIsRead() {
        assertThat(Tool.run("tree", "--topic", "t").stderr()).contains("--kafka-bootstrap and --topic go together");
        assertThat(Tool.run("tree", "--kafka-bootstrap", "h:1", "--topic", "t", "app.log")
                        .stderr())
                .contains("not both");
        assertThat(Tool.run("tree", "--kafka-property", "a=b", "x.log").exit()).isEqualTo(EliotTools.USAGE_ERROR);
        assertThat(Tool.run("tree", "--kafka-bootstrap", "h:1", "--topic", "t", "--kafka-property", "nothing")
                        .stderr())
                .contains("NAME=VALUE");
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    private static void produce(String topic, List<String> lines, java.util.function.IntUnaryOperator partition)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < lines.size(); i++) {
                producer.send(new ProducerRecord<>(topic, partition.applyAsInt(i), null, lines.get(i)))
                        .get();
            }
        }
    }

    /** The blocks of a tree output, one per task. */
    private static List<String> tasks(String treeOutput) {
        return Arrays.stream(treeOutput.split("\n\n")).map(String::strip).toList();
    }
}
