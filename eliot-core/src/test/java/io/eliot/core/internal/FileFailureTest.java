package io.eliot.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.MessageRecord;
import io.eliot.core.TaskLevel;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.MemoryDestination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file destination whose directory goes away in the middle of a run: the application never sees
 * an exception, the failure is one reported episode, writing resumes by itself, and every message is
 * either in a file or counted as failed.
 */
class FileFailureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Destinations registry = new Destinations(false);
    private final MemoryDestination watcher = new MemoryDestination();

    private static MessageRecord message(int n) {
        return MessageRecord.message(
                TaskUuids.next(),
                TaskLevel.of(1),
                Timestamps.nowMicros(),
                "test:n",
                Map.of("n", n, "pad", "x".repeat(60)));
    }

    @Test
    void aDirectoryReplacedByAFileBeforeARolloverIsOneEpisodeAndWritingResumesWhenItIsBack(@TempDir Path dir)
            throws Exception {
        Path logs = dir.resolve("logs");
        JsonFileDestination file = JsonFileDestination.builder(logs.resolve("app.log"))
                .rollover(4_000, 3)
                .build();
        registry.add(watcher);
        registry.add(file);
        int sent = 0;
        for (; sent < 30; sent++) {
            registry.send(message(sent));
        }

        Path away = dir.resolve("logs-away");
        Files.move(logs, away);
        Files.writeString(logs, "not a directory"); // the next rollover cannot create anything here
        for (; sent < 130; sent++) {
            registry.send(message(sent));
        }
        assertThat(reports("eliot:destination_failure")).hasSize(1);
        assertThat(reports("eliot:destination_failure")
                        .get(0)
                        .fields()
                        .get("reason")
                        .toString())
                .contains(logs.toString());

        Files.delete(logs);
        Thread.sleep(JsonFileDestination.RETRY_INTERVAL.toMillis() + 100);
        for (; sent < 160; sent++) {
            registry.send(message(sent));
        }
        registry.remove(file);
        file.close();

        List<MessageRecord> recovered = reports("eliot:destination_recovered");
        assertThat(recovered).hasSize(1);
        long failed = ((Number) recovered.get(0).fields().get("failed_messages")).longValue();
        assertThat(failed).isPositive();
        assertThat(registry.destinationFailures()).isEqualTo(failed);

        List<Integer> written = numbersIn(dir);
        assertThat(written).doesNotHaveDuplicates();
        assertThat(written.size() + failed)
                .as("every message is in a file or counted as failed")
                .isEqualTo(sent);
        assertThat(written).contains(0, 29, 159);
    }

    @Test
    void aLineCutShortByAnEarlierCrashStaysAloneOnItsLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        String cut = "{\"task_uuid\": \"8c668cde-235b-4872-af4e-caea524bd1c0\", \"task_le";
        Files.writeString(log, "{\"n\": -1}\n" + cut);

        try (JsonFileDestination file = JsonFileDestination.open(log)) {
            file.write(message(1));
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo(cut);
        assertThat(JSON.readTree(lines.get(2)).get("n").asInt()).isEqualTo(1);
    }

    private List<MessageRecord> reports(String type) {
        return watcher.messages().stream()
                .filter(m -> type.equals(m.messageType()))
                .toList();
    }

    /** The {@code n} of every test line in every file under {@code dir}; fails on a line that is not JSON. */
    private static List<Integer> numbersIn(Path dir) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode node = JSON.readTree(line);
                    if ("test:n".equals(node.path("message_type").asString())) {
                        numbers.add(node.get("n").asInt());
                    }
                }
            }
        }
        return numbers;
    }
}
