package io.eliot.journald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code systemd-journald}, started in a journal namespace of its own (it needs root, not a
 * running systemd), written to through the destination and read back with {@code journalctl
 * --output=json}. Skipped, saying why, where journald cannot run.
 */
class JournaldEndToEndTest {

    private static final List<Path> JOURNALD =
            List.of(Path.of("/lib/systemd/systemd-journald"), Path.of("/usr/lib/systemd/systemd-journald"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final String namespace = "eliottest" + UUID.randomUUID().toString().substring(0, 8);
    private Process journald;

    @BeforeEach
    void startJournald() throws Exception {
        Path binary = JOURNALD.stream().filter(Files::isExecutable).findFirst().orElse(null);
        skipIf(
                JournaldDestination.unavailableReason() != null,
                String.valueOf(JournaldDestination.unavailableReason()));
        skipIf(binary == null, "systemd-journald is not installed (Debian: apt-get install systemd)");
        skipIf(!ExternalTools.works("journalctl", "--version"), "journalctl is not installed");
        skipIf(!ExternalTools.works("sh", "-c", "test \"$(id -u)\" = 0"), "journald in a namespace needs root");
        skipIf(!Files.exists(Path.of("/etc/machine-id")), "/etc/machine-id is missing");
        Path log = dir.resolve("journald.log");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), namespace)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SYSTEMD_LOG_TARGET", "console");
        journald = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket()) && journald.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!Files.exists(socket())) {
            String output = Files.readString(log);
            stopJournald();
            skipIf(
                    true,
                    "systemd-journald did not start here: " + output.strip().replace('\n', ' '));
        }
    }

    @AfterEach
    void stopJournald() throws Exception {
        if (journald == null) {
            return;
        }
        journald.destroy();
        if (!journald.waitFor(20, TimeUnit.SECONDS)) {
            journald.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        journald = null;
        String machineId = Files.readString(Path.of("/etc/machine-id")).strip();
        for (Path left : List.of(
                Path.of("/run/systemd/journal." + namespace),
                Path.of("/var/log/journal/" + machineId + "." + namespace),
                Path.of("/run/log/journal/" + machineId + "." + namespace))) {
            deleteRecursively(left);
        }
    }

    @Test
    void entriesAreQueryableByTaskAndPriority() throws Exception {
        JournaldDestination destination = JournaldDestination.builder()
                .socketPath(socket())
                .syslogIdentifier("eliot-e2e")
                .build();
        String big = "y".repeat(20 * 1024 * 1024);
        Eliot.addDestination(destination);
        io.eliot.core.settings.FieldLimits limits = io.eliot.core.settings.FieldLimits.defaults();
        // Large enough for the 20 MiB field: this test is about the memfd path, not the limits.
        io.eliot.core.settings.FieldLimits.setDefaults(
                new io.eliot.core.settings.FieldLimits(Integer.MAX_VALUE, 100, Integer.MAX_VALUE));
        String task;
        try {
            Action root = Eliot.startTask("e2e:checkout", "cart", 7);
            task = root.taskUuid();
            try {
                root.run(() -> {
                    Message.log("e2e:priced", "note", "two\nlines");
                    Message.log("e2e:big", "blob", big);
                    Eliot.writeTraceback(new IllegalStateException("looked at"));
                    Eliot.startAction("e2e:charge").run(() -> {
                        throw new IllegalArgumentException("declined");
                    });
                });
            } catch (IllegalArgumentException expected) {
                // the failure is what this test logs
            }
        } finally {
            io.eliot.core.settings.FieldLimits.setDefaults(limits);
            Eliot.removeDestination(destination);
            destination.close();
        }

        List<JsonNode> all = journalctl(7, "ELIOT_TASK=" + task);
        assertThat(all)
                .extracting(e -> e.get("ELIOT_TASK_LEVEL").asString() + " "
                        + e.get("ELIOT_TYPE").asString())
                .containsExactly(
                        "/1 e2e:checkout",
                        "/2 e2e:priced",
                        "/3 e2e:big",
                        "/4 eliot:traceback",
                        "/5/1 e2e:charge",
                        "/5/2 e2e:charge",
                        "/6 e2e:checkout");
        assertThat(all).allSatisfy(e -> {
            assertThat(e.get("SYSLOG_IDENTIFIER").asString()).isEqualTo("eliot-e2e");
            assertThat(e.get("_TRANSPORT").asString()).isEqualTo("journal");
            JsonNode message = JSON.readTree(e.get("MESSAGE").asString());
            assertThat(message.get("task_uuid").asString()).isEqualTo(task);
        });
        JsonNode bigEntry = JSON.readTree(all.get(2).get("MESSAGE").asString());
        assertThat(bigEntry.get("blob").asString())
                .as("a 20 MiB entry arrives whole through the memfd")
                .isEqualTo(big);
        assertThat(JSON.readTree(all.get(1).get("MESSAGE").asString())
                        .get("note")
                        .asString())
                .isEqualTo("two\nlines");

        assertThat(journalctl(2, "ELIOT_TASK=" + task, "PRIORITY=3"))
                .extracting(e -> e.get("ELIOT_TASK_LEVEL").asString())
                .as("the failed child and the task it failed")
                .containsExactly("/5/2", "/6");
        assertThat(journalctl(1, "ELIOT_TASK=" + task, "PRIORITY=2"))
                .extracting(e -> e.get("ELIOT_TYPE").asString())
                .containsExactly("eliot:traceback");

        // journalctl --output=cat prints the JSON lines as they are: Eliot's parser rebuilds the task.
        Process cat = new ProcessBuilder(
                        "journalctl", "--namespace=" + namespace, "--output=cat", "--all", "ELIOT_TASK=" + task)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String lines = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ParseResult parsed = LogParser.parse(lines);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.tasks()).singleElement().satisfies(t -> {
            assertThat(t.taskUuid()).isEqualTo(task);
            assertThat(t.complete()).isTrue();
            assertThat(t.messageCount()).isEqualTo(7);
        });
    }

    @Test
    void aStoppedJournaldFailsWritesThatEliotReports() throws Exception {
        JournaldDestination destination =
                JournaldDestination.builder().socketPath(socket()).build();
        try {
            journald.destroy();
            assertThat(journald.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Files.deleteIfExists(socket()); // as when systemd removes it
            assertThatThrownBy(() -> destination.write(Records.message(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(socket().toString());
        } finally {
            destination.close();
        }
    }

    /** Polls journalctl until {@code expected} entries match (journald stores asynchronously). */
    private List<JsonNode> journalctl(int expected, String... matches) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("journalctl", "--namespace=" + namespace, "--output=json", "--all", "--no-pager"));
        command.addAll(List.of(matches));
        List<JsonNode> entries = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            entries = out.lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
            if (entries.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return entries;
    }

    private Path socket() {
        return Path.of("/run/systemd/journal." + namespace, "socket");
    }

    private static void skipIf(boolean condition, String reason) {
        ExternalTools.skipIf(condition, "JournaldEndToEndTest", reason);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
