package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.testsupport.ExternalTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/operations.md}: every configuration file it shows is the file in {@code
 * docs/operations/}, word for word, and the rsyslog ones are accepted by rsyslog's own config check;
 * the file-to-Elasticsearch one also runs, against a stand-in {@code _bulk} endpoint. rsyslog parts
 * are skipped, saying why, where rsyslogd or its Elasticsearch module is not installed.
 */
class OperationsGuideTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TASK = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";

    @TempDir
    Path dir;

    @Test
    void theGuideShowsEveryConfigurationFileAsItIs() throws IOException {
        Path docs = docs();
        String guide = Files.readString(docs.resolve("operations.md"));
        List<Path> files = configurations(docs);
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : files) {
            assertThat(guide)
                    .as("operations.md shows %s word for word", file.getFileName())
                    .contains(Files.readString(file) + "```\n");
        }
        assertThat(guide).contains("](kafka.md)").contains("## Kafka");
    }

    @Test
    void rsyslogAcceptsTheRsyslogConfigurations() throws Exception {
        skipWithoutRsyslog();
        for (Path file : configurations(docs())) {
            if (!file.getFileName().toString().startsWith("rsyslog-")) {
                continue;
            }
            Path main = mainConfig(file);
            Process check = rsyslogd(List.of("-N1", "-f", main.toString()), "127.0.0.1", 9200, dir.resolve("none.log"));
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue())
                    .as("rsyslogd -N1 on %s:%n%s", file.getFileName(), output)
                    .isZero();
            assertThat(output).contains("End of config validation run");
        }
    }

    @Test
    void rsyslogShipsTheLogToElasticsearchWithEliotTimestampsAndIdempotentIds() throws Exception {
        skipWithoutRsyslog();
        Path log = dir.resolve("app.log");
        try (JsonFileDestination file = JsonFileDestination.open(log)) {
            file.write(MessageRecord.action(
                    TASK, TaskLevel.of(1), 1_700_000_000_000_003L, "shop:checkout", ActionStatus.STARTED, Map.of()));
            file.write(MessageRecord.message(
                    TASK, TaskLevel.of(3, 2), 1_700_000_001_500_000L, "shop:note", Map.of("text", "two\nlines é")));
            file.write(MessageRecord.action(
                    TASK,
                    TaskLevel.of(4),
                    1_700_086_400_000_000L,
                    "shop:checkout",
                    ActionStatus.FAILED,
                    Map.of("exception", "java.lang.IllegalStateException", "reason", "no stock")));
        }
        Files.writeString(log, "not an Eliot line\n", java.nio.file.StandardOpenOption.APPEND);
        List<String> written = Files.readAllLines(log).subList(0, 3);

        List<String> bulkBodies = new CopyOnWriteArrayList<>();
        HttpServer elasticsearch = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elasticsearch.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/_bulk")) {
                bulkBodies.add(body);
            }
            byte[] reply = "{\"took\":1,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        elasticsearch.start();
        Process rsyslog = null;
        try {
            Path main = mainConfig(docs().resolve("operations/rsyslog-eliot-elasticsearch.conf"));
            rsyslog = rsyslogd(
                    List.of(
                            "-n",
                            "-f",
                            main.toString(),
                            "-i",
                            dir.resolve("rsyslogd.pid").toString()),
                    "127.0.0.1",
                    elasticsearch.getAddress().getPort(),
                    log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (bulkLines(bulkBodies).size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            if (rsyslog != null) {
                rsyslog.destroy();
                if (!rsyslog.waitFor(20, TimeUnit.SECONDS)) {
                    rsyslog.destroyForcibly();
                }
            }
            elasticsearch.stop(0);
        }

        List<JsonNode> lines = bulkLines(bulkBodies);
        assertThat(lines)
                .as("an action and a document per Eliot line, nothing for the other line")
                .hasSize(6);
        assertThat(List.of(lines.get(0), lines.get(2), lines.get(4)))
                .extracting(action -> action.get("index").get("_id").asString() + " "
                        + action.get("index").get("_index").asString())
                .containsExactly(
                        TASK + "@/1 eliot-2023-11-14", TASK + "@/3/2 eliot-2023-11-14", TASK + "@/4 eliot-2023-11-15");
        List<JsonNode> documents = List.of(lines.get(1), lines.get(3), lines.get(5));
        assertThat(documents)
                .extracting(d -> d.get("@timestamp").asString())
                .containsExactly(
                        "2023-11-14T22:13:20.000003Z", "2023-11-14T22:13:21.500000Z", "2023-11-15T22:13:20.000000Z");
        for (int i = 0; i < 3; i++) {
            JsonNode document = documents.get(i).deepCopy();
            ((tools.jackson.databind.node.ObjectNode) document).remove("@timestamp");
            assertThat(document).as("the document is the message as written").isEqualTo(JSON.readTree(written.get(i)));
        }
    }

    private static List<JsonNode> bulkLines(List<String> bodies) {
        List<JsonNode> lines = new ArrayList<>();
        for (String body : bodies) {
            body.lines().filter(l -> !l.isBlank()).map(JSON::readTree).forEach(lines::add);
        }
        return lines;
    }

    /** A main rsyslog.conf as a distribution has it (work directory set), including {@code file}. */
    private Path mainConfig(Path file) throws IOException {
        Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
        return Files.writeString(
                dir.resolve("rsyslog.conf"),
                "global(workDirectory=\"" + work + "\")\ninclude(file=\"" + file.toAbsolutePath() + "\")\n");
    }

    private static Process rsyslogd(List<String> args, String host, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("rsyslogd");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ELIOT_LOG", log.toString());
        pb.environment().put("ELASTICSEARCH_HOST", host);
        pb.environment().put("ELASTICSEARCH_PORT", Integer.toString(port));
        return pb.start();
    }

    private static void skipWithoutRsyslog() {
        String reason = null;
        if (!ExternalTools.works("rsyslogd", "-v")) {
            reason = "rsyslogd is not installed (apt-get install rsyslog rsyslog-elasticsearch)";
        } else if (Stream.of(
                        "/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog", "/usr/lib/rsyslog")
                .noneMatch(d -> Files.exists(Path.of(d, "omelasticsearch.so")))) {
            reason = "rsyslog's Elasticsearch module is not installed (apt-get install rsyslog-elasticsearch)";
        }
        ExternalTools.skipIf(reason != null, "OperationsGuideTest", reason);
    }

    private static List<Path> configurations(Path docs) throws IOException {
        try (Stream<Path> files = Files.list(docs.resolve("operations"))) {
            return files.sorted().toList();
        }
    }

    /** The repository's docs directory, found upwards from the module directory. */
    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/operations.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/operations.md not found above " + Path.of("").toAbsolutePath());
    }
}
