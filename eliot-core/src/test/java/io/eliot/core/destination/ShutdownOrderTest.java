package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain Java application in a child JVM whose own shutdown hook logs, stopped with SIGTERM: what
 * Eliot's shutdown hook does with that hook's messages, and how the application closes Eliot last.
 */
class ShutdownOrderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void anApplicationThatClosesEliotAtTheEndOfItsOwnShutdownHookLosesNone() throws Exception {
        Path log = dir.resolve("app.log");

        Result result = runUntilSigterm(log, "closes-last");

        List<JsonNode> messages = read(log);
        assertThat(numbers(messages, "main")).isEqualTo(range(ShutdownOrderChild.MAIN_MESSAGES));
        assertThat(numbers(messages, "hook"))
                .as("every message the application's hook logged before it closed Eliot")
                .isEqualTo(range(ShutdownOrderChild.HOOK_MESSAGES));
        assertThat(result.stderr()).as("nothing was logged with no destination").isEmpty();
    }

    @Test
    void messagesLoggedAfterEliotsHookClosedTheDestinationsAreCountedAndWrittenToStandardError() throws Exception {
        Path log = dir.resolve("app.log");

        Result result = runUntilSigterm(log, "late");

        assertThat(numbers(read(log), "main")).isEqualTo(range(ShutdownOrderChild.MAIN_MESSAGES));
        assertThat(numbers(read(log), "late"))
                .as("none reached the closed file")
                .isEmpty();
        assertThat(result.stdout()).contains("without destination " + ShutdownOrderChild.LATE_MESSAGES);
        List<String> stderr = result.stderr();
        assertThat(stderr).first().asString().startsWith("eliot: no destination is open");
        List<JsonNode> late = new ArrayList<>();
        for (String line : stderr.subList(1, stderr.size())) {
            late.add(JSON.readTree(line));
        }
        assertThat(numbers(late, "late"))
                .as("every late message, whole, on standard error")
                .isEqualTo(range(ShutdownOrderChild.LATE_MESSAGES));
    }

    record Result(List<String> stdout, List<String> stderr) {}

    private Result runUntilSigterm(Path log, String mode) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownOrderChild.class.getName(),
                        log.toString(),
                        mode)
                .redirectError(stderr.toFile())
                .start();
        List<String> stdout = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child is ready").isEqualTo("ready");
            child.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            for (String line; (line = out.readLine()) != null; ) {
                stdout.add(line);
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child exits after SIGTERM")
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
        return new Result(stdout, Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> read(Path log) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            messages.add(JSON.readTree(line));
        }
        return messages;
    }

    /** The {@code n} of every message of {@code type}, in the order written. */
    private static List<Long> numbers(List<JsonNode> messages, String type) {
        return messages.stream()
                .filter(m -> m.path("message_type").asString("").equals(type))
                .map(m -> m.get("n").asLong())
                .toList();
    }

    private static List<Long> range(long count) {
        List<Long> numbers = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            numbers.add(n);
        }
        return numbers;
    }
}
