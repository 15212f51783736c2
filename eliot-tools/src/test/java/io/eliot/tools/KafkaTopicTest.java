package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.kafka.KafkaCluster;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --kafka-bootstrap}/{@code --topic} against a real broker inside this JVM. */
class KafkaTopicTest {

    private static final String ORDER = "11323ced-8745-4b2f-a7f5-a980aaf43e18";
    private static final String VALIDATE = "cdace62a-b6cd-48be-9d9d-1086adec52bb";

    private static KafkaCluster cluster;
    private static String bootstrap;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.start();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void drawsTheTasksOfATopicWhoseMessagesAreSpreadOverPartitions() throws Exception {
        String topic = cluster.newTopic("spread", 3);
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        // Round-robin, so every task's messages are spread over all three partitions.
        produce(topic, lines, i -> i % 3);

        Tool.Result r = Tool.run("tree", "--kafka-bootstrap", bootstrap, "--topic", topic);

        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isEqualTo(EliotTools.OK);
        assertThat(tasks(r.stdout())).containsExactlyInAnyOrderElementsOf(tasks(Tool.resource("java-app.tree.txt")));
    }

    @Test
    void writesThePageOfATopicWithTheTasksOfTheSameLog() throws Exception {
        String topic = cluster.newTopic("page", 3);
        produce(topic, Tool.resource("java-app.log").lines().toList(), i -> i % 3);

        Tool.Result r = Tool.run("html", "--kafka-bootstrap", bootstrap, "--topic", topic);

        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isEqualTo(EliotTools.OK);
        assertThat(r.stdout()).contains("<title>Kafka topic " + topic + "</title>");
        assertThat(HtmlPage.tasks(r.stdout()))
                .isEqualTo(HtmlPage.tasks(
                        Tool.run("html", Tool.path("java-app.log")).stdout()));
    }

    @Test
    void prettyPrintsATopicAndNamesTheRecordsThatAreNotMessages() throws Exception {
        String topic = cluster.newTopic("with-noise", 1);
        produce(
                topic,
                List.of(
                        "not json",
                        Tool.resource("java-app.log").lines().findFirst().orElseThrow()),
                i -> 0);

        Tool.Result r = Tool.run("prettyprint", "--compact", "--kafka-bootstrap=" + bootstrap, "--topic=" + topic);

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr()).startsWith("eliot-prettyprint: " + topic + "/0@0: not JSON");
        assertThat(r.stdout()).contains("shop:order").hasLineCount(1);
    }

    @Test
    void controlCharactersInRecordsAndTheirProblemsArePrintedEscaped() throws Exception {
        String topic = cluster.newTopic("hostile", 1);
        produce(
                topic,
                List.of(
                        "{\"task_uuid\":\"u\\u001b[2J\",\"task_level\":[1],\"timestamp\":1795638777,"
                                + "\"message_type\":\"m\\n\u202e\",\"v\u0085\":\"\\u001b]0;pwned\\u0007\"}",
                        "{\u009b2J"),
                i -> 0);

        Tool.Result tree = Tool.run("tree", "--kafka-bootstrap", bootstrap, "--topic", topic);
        Tool.Result compact = Tool.run("prettyprint", "-c", "--kafka-bootstrap", bootstrap, "--topic", topic);

        assertThat(tree.stdout()).isEqualTo("""
                        u\\u001b[2J
                        └── m\\n\\u202e/1 2026-11-25 20:32:57.000000Z
                            └── v\\u0085: \\u001b]0;pwned\\u0007

                        """);
        assertThat(tree.stderr())
                .startsWith("eliot-tree: " + topic + "/0@1: not JSON: ")
                .doesNotContain("\u009b");
        assertThat(compact.stdout())
                .isEqualTo("u\\u001b[2J/1 2026-11-25T20:32:57Z message_type=\"m\\n\\u202e\""
                        + " v\\u0085=\"\\u001b]0;pwned\\u0007\"\n");
        assertThat(compact.stderr()).doesNotContain("\u009b");
    }

    @Test
    void followingATopicDrawsEachTaskOnceItIsCompleteUntilInterrupted() throws Exception {
        String topic = cluster.newTopic("followed", 2);
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        List<String> firstTask = lines.stream().filter(l -> l.contains(ORDER)).toList();
        List<String> rest = lines.stream().filter(l -> !l.contains(ORDER)).toList();
        produce(topic, firstTask, i -> i % 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int[] exit = {-1};
        Thread tool = new Thread(() -> exit[0] = EliotTools.run(
                List.of("tree", "--kafka-bootstrap", bootstrap, "--topic", topic, "-f"),
                new java.io.ByteArrayInputStream(new byte[0]),
                out,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true)));
        tool.start();
        try {
            awaitOutputContaining(out, ORDER);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(VALIDATE);

            produce(topic, rest, i -> i % 2);

            awaitOutputContaining(out, VALIDATE);
        } finally {
            tool.interrupt();
            tool.join(30_000);
        }
        assertThat(tool.isAlive()).as("stopped when interrupted").isFalse();
        assertThat(exit[0]).isEqualTo(EliotTools.OK);
        assertThat(tasks(out.toString(java.nio.charset.StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(tasks(Tool.resource("java-app.tree.txt")));
    }

    private static void awaitOutputContaining(java.io.ByteArrayOutputStream out, String text)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!out.toString(java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("output contains %s in time", text).isLessThan(deadline);
            Thread.sleep(50);
        }
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
