package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.MessageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonFileDestinationTest {

    @TempDir
    Path dir;

    /** Jackson calls the getter, which throws. */
    public static final class Unserializable {
        public String getBroken() {
            throw new IllegalStateException("getter failed");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void appendsOneJsonLinePerMessageAfterWhatTheFileHeld() throws Exception {
        Path file = dir.resolve("logs/nested/app.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"existing\":true}\n");

        try (JsonFileDestination destination = JsonFileDestination.open(file)) {
            destination.write(Records.message(1));
            destination.write(Records.message(2));
            assertThat(Files.readAllLines(file))
                    .as("flushed after every message, before close")
                    .hasSize(3);
        }

        List<JsonNode> lines = read(file);
        assertThat(lines.get(0).get("existing").asBoolean()).isTrue();
        assertThat(lines.get(1).get("n").asInt()).isEqualTo(1);
        assertThat(lines.get(2).get("task_level").toString()).isEqualTo("[2]");
    }

    @Test
    void createsMissingParentDirectories() throws Exception {
        Path file = dir.resolve("a/b/c/app.log");

        try (JsonFileDestination destination = JsonFileDestination.open(file)) {
            destination.write(Records.message(1));
        }

        assertThat(read(file)).hasSize(1);
    }

    @Test
    void writesUtf8() throws Exception {
        Path file = dir.resolve("app.log");
        try (JsonFileDestination destination = JsonFileDestination.open(file)) {
            destination.write(MessageRecord.message(
                    Records.TASK, io.eliot.core.record.TaskLevel.of(1), 0, "t", Map.of("name", "Dorothée ✓")));
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("Dorothée ✓");
    }

    @Test
    void withAnIntervalFlushPolicyBytesReachTheFileOnTheIntervalOrOnFlush() throws Exception {
        Path slow = dir.resolve("slow.log");
        Path fast = dir.resolve("fast.log");
        try (JsonFileDestination hourly = JsonFileDestination.builder(slow)
                        .flushPolicy(FlushPolicy.every(Duration.ofHours(1)))
                        .build();
                JsonFileDestination frequent = JsonFileDestination.builder(fast)
                        .flushPolicy(FlushPolicy.every(Duration.ofMillis(20)))
                        .build()) {
            hourly.write(Records.message(1));
            frequent.write(Records.message(1));

            assertThat(Files.size(slow))
                    .as("buffered until the interval passes")
                    .isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.size(fast) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(read(fast)).as("flushed by the background flusher").hasSize(1);

            hourly.flush();
            assertThat(read(slow)).hasSize(1);
            hourly.write(Records.message(2));
        }
        assertThat(read(slow)).as("close flushes").hasSize(2);
    }

    @Test
    void rollsOverBeforeGrowingPastTheLimitKeepingTheConfiguredNumberOfFiles() throws Exception {
        Path file = dir.resolve("app.log");
        int lineLength = new io.eliot.core.serialization.JsonLineEncoder().encode(Records.message(10)).length;

        try (JsonFileDestination destination =
                JsonFileDestination.builder(file).rollover(lineLength * 3L, 2).build()) {
            for (int n = 10; n < 20; n++) {
                destination.write(Records.message(n));
            }
        }

        assertThat(numbers(file)).containsExactly(19);
        assertThat(numbers(dir.resolve("app.log.1"))).containsExactly(16, 17, 18);
        assertThat(numbers(dir.resolve("app.log.2"))).containsExactly(13, 14, 15);
        assertThat(dir.resolve("app.log.3")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("app.log", "app.log.1", "app.log.2");
        }
        for (Path p : List.of(file, dir.resolve("app.log.1"), dir.resolve("app.log.2"))) {
            assertThat(Files.size(p)).isLessThanOrEqualTo(lineLength * 3L);
        }
    }

    @Test
    void rolloverWithNothingKeptStartsAFreshFile() throws Exception {
        Path file = dir.resolve("app.log");
        int lineLength = new io.eliot.core.serialization.JsonLineEncoder().encode(Records.message(10)).length;

        try (JsonFileDestination destination =
                JsonFileDestination.builder(file).rollover(lineLength * 2L, 0).build()) {
            for (int n = 10; n < 15; n++) {
                destination.write(Records.message(n));
            }
        }

        assertThat(numbers(file)).containsExactly(14);
        assertThat(dir.resolve("app.log.1")).doesNotExist();
    }

    private static List<Integer> numbers(Path file) throws IOException {
        return read(file).stream().map(n -> n.get("n").asInt()).toList();
    }

    @Test
    void anUnwritableFileFailsAtOnceNamingTheFile() throws IOException {
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        Path impossible = notADirectory.resolve("app.log");

        assertThatThrownBy(() -> JsonFileDestination.open(impossible))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open Eliot log file " + impossible.toAbsolutePath());
    }

    @Test
    void writingAfterCloseFailsAndCloseTwiceIsHarmless() throws Exception {
        JsonFileDestination destination = JsonFileDestination.open(dir.resolve("app.log"));
        destination.close();
        destination.close();

        assertThatThrownBy(() -> destination.write(Records.message(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void badBuilderValuesAreRejectedWithTheirMeaning() {
        var builder = JsonFileDestination.builder(dir.resolve("app.log"));

        assertThatThrownBy(() -> builder.rollover(0, 1)).hasMessageContaining("rollover size must be positive");
        assertThatThrownBy(() -> builder.rollover(10, -1)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> FlushPolicy.every(Duration.ZERO)).hasMessageContaining("must be positive");
    }

    @Test
    void anUnserializableValueYieldsTracebackAndFailureLinesAndWritingGoesOn() throws Exception {
        Path file = dir.resolve("app.log");
        try (JsonFileDestination destination = JsonFileDestination.open(file)) {
            destination.write(MessageRecord.message(
                    Records.TASK, io.eliot.core.record.TaskLevel.of(1), 0, "t", Map.of("bad", new Unserializable())));
            destination.write(Records.message(2));
        }

        List<JsonNode> lines = read(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("message_type").asString()).isEqualTo("t");
        assertThat(lines.get(0).get("bad").asString())
                .isEqualTo("<not logged: java.lang.IllegalStateException: getter failed>");
        assertThat(lines.get(0)
                        .get("eliot:serialization_failure")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("bad");
        assertThat(lines.get(1).get("n").asInt()).isEqualTo(2);
    }
}
