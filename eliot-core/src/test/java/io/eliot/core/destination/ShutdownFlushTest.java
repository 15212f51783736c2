package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A real child JVM, stopped with SIGTERM while it logs. */
class ShutdownFlushTest {

    @TempDir
    Path dir;

    @Test
    void sigtermWritesEveryMessageLoggedBeforeTheSignal() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = startChild(log);
        long lastReported = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child's report").startsWith("logged ");
            lastReported = Long.parseLong(line.substring("logged ".length()));
            assertThat(lastReported)
                    .as("the child logged its first 100,000 messages")
                    .isGreaterThanOrEqualTo(100_000);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child exits after SIGTERM")
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        JsonMapper json = JsonMapper.builder().build();
        long expected = 0;
        for (String line : lines) {
            assertThat(json.readTree(line).get("n").asLong())
                    .as("messages are whole and in order, none missing")
                    .isEqualTo(expected++);
        }
        assertThat(expected - 1)
                .as("every message logged before the signal is in the file (flushed only by the shutdown hook)")
                .isGreaterThanOrEqualTo(lastReported);
    }

    @Test
    void sigkillLosesAtMostTheQueueAndNeverCorruptsMoreThanTheLastLine() throws Exception {
        Path log = dir.resolve("killed.log");
        Process child = startChild(log);
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("logged ");
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        JsonMapper json = JsonMapper.builder().build();
        long expected = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == lines.size() - 1 && !line.endsWith("}")) {
                break; // the write was cut by the kill: the parser and tools skip such a line
            }
            assertThat(json.readTree(line).get("n").asLong())
                    .as("line %s is whole and in order", i + 1)
                    .isEqualTo(expected++);
        }
        assertThat(expected).as("what reached the file before the kill").isPositive();
    }

    /** A JVM running {@link ShutdownChild} on this test's class path, logging into {@code log}. */
    private static Process startChild(Path log) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownChild.class.getName(),
                        log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
