package io.eliot.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.testsupport.PythonEliot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link LogParser} builds the trees Python Eliot's {@code eliot.parse.Parser} builds from the same
 * input: logs written by this library and by Python Eliot, merged, shuffled, and with lines lost.
 * Skipped, with the reason printed, where no Python interpreter can {@code import eliot}.
 */
class ParserMatchesPythonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final MemoryDestination memory = new MemoryDestination();
    private String python;
    private Path script;

    @BeforeEach
    void findPythonEliot() throws Exception {
        PythonEliot pythonEliot = PythonEliot.findOrSkip("ParserMatchesPythonTest");
        python = pythonEliot.interpreter();
        script = pythonEliot.copyScript("/python/eliot_interop.py", dir);
        Eliot.addDestination(memory);
    }

    @AfterEach
    void removeDestination() {
        Eliot.removeDestination(memory);
    }

    private String python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "python", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python %s", List.of(args)).isZero();
        return Files.readString(out);
    }

    private void logScenario() {
        try {
            Eliot.startTask("parent", "url", "http://x").run(() -> {
                Message.log("info", "x", 1);
                Eliot.startAction("child", "items", List.of(1, 2)).run(() -> Message.log("info", "x", 2.5));
                throw new IllegalStateException("ono");
            });
        } catch (IllegalStateException expected) {
            // logged as failed
        }
        Message.log("app:standalone", "note", "outside", "nested", Map.of("a", List.of(true, false)));
        for (int i = 0; i < 5; i++) {
            int n = i;
            Eliot.startTask("loop", "i", n).run(() -> {
                for (int j = 0; j < n; j++) {
                    Eliot.startAction("step", "j", j).run(() -> Message.log("tick"));
                }
            });
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameTreesAsPythonOnShuffledJavaAndPythonLogsWithLinesLost(long seed) throws Exception {
        logScenario();
        Action client = Eliot.startTask("java:client");
        String id = client.serializeTaskId();
        Path continued = dir.resolve("continued.log");
        python("continue", id, continued.toString());
        client.finish();
        Path pythonClient = dir.resolve("client.log");
        String fromPython = python("serialize", pythonClient.toString()).trim();
        Eliot.continueTask(fromPython).run(() -> Message.log("java:handled"));

        JsonLineEncoder encoder = new JsonLineEncoder();
        List<String> lines = new ArrayList<>();
        for (MessageRecord m : memory.messages()) {
            lines.add(new String(encoder.encode(m), StandardCharsets.UTF_8).strip());
        }
        lines.addAll(Files.readAllLines(continued));
        lines.addAll(Files.readAllLines(pythonClient));
        Random random = new Random(seed);
        Collections.shuffle(lines, random);
        int lost = seed > 6 ? lines.size() / 3 : (int) (seed % 3) * 2; // 0, 2, 4 or a third of the lines lost
        for (int i = 0; i < lost; i++) {
            lines.remove(random.nextInt(lines.size()));
        }
        Path log = dir.resolve("merged.log");
        Files.write(log, lines);

        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode task : JSON.readTree(python("parse", log.toString())).get("tasks")) {
            expected.put(task.get("uuid").asString(), task);
        }
        ParseResult result;
        try (var reader = Files.newBufferedReader(log)) {
            result = LogParser.parse(reader, log.toString());
        }

        assertThat(result.problems()).isEmpty();
        Map<String, JsonNode> actual = new HashMap<>();
        for (ParsedTask task : result.tasks()) {
            ObjectNode node = JSON.createObjectNode();
            node.put("uuid", task.taskUuid());
            node.put("complete", task.complete());
            ArrayNode nodes = node.putArray("nodes");
            render(task.root(), 0, nodes);
            assertThat(actual.put(task.taskUuid(), node))
                    .as("one task per uuid")
                    .isNull();
        }
        assertThat(actual.keySet()).as("seed %s", seed).isEqualTo(expected.keySet());
        actual.forEach((uuid, task) ->
                assertThat(task).as("task %s, seed %s", uuid, seed).isEqualTo(expected.get(uuid)));
    }

    /** The rendering eliot_interop.py's {@code render} does on Python's WrittenAction tree. */
    private static void render(TaskNode node, int depth, ArrayNode out) {
        if (node instanceof ParsedMessage m) {
            out.add(line(m.message(), depth));
            return;
        }
        ParsedAction action = (ParsedAction) node;
        action.startMessage().ifPresent(m -> out.add(line(m, depth)));
        for (TaskNode child : action.children()) {
            if (child instanceof ParsedAction) {
                render(child, depth + 1, out);
            } else {
                render(child, depth, out);
            }
        }
        action.endMessage().ifPresent(m -> out.add(line(m, depth)));
    }

    private static ObjectNode line(MessageRecord m, int depth) {
        ObjectNode node = JSON.createObjectNode();
        String name =
                m.isAction() ? m.actionType() + "/" + m.actionStatus().wireName() : String.valueOf(m.messageType());
        node.put("line", "  ".repeat(depth) + m.taskLevel() + " " + name);
        node.set("fields", JSON.valueToTree(m.fields()));
        return node;
    }
}
