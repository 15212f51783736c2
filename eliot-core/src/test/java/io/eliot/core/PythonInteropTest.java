package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.Destination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.testsupport.PythonEliot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Python Eliot's own parser ({@code eliot.parse.Parser}) reads what this library writes, shuffled
 * and merged with logs Python Eliot wrote, and rebuilds the same trees. Skipped, with the reason
 * printed, where no Python interpreter can {@code import eliot} ({@code apt-get install
 * python3-eliot} provides one for {@code /usr/bin/python3}).
 */
class PythonInteropTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STRUCTURAL =
            List.of("task_uuid", "task_level", "timestamp", "action_type", "action_status", "message_type");

    private String python;
    private Path script;
    private Path javaLog;
    private JsonLinesFile file;

    /** A destination appending encoded lines to a file; the real file destination is eliot-core's output layer. */
    private static final class JsonLinesFile implements Destination {
        private final JsonLineEncoder encoder = new JsonLineEncoder();
        private final OutputStream out;

        JsonLinesFile(Path path) throws IOException {
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        @Override
        public synchronized void write(MessageRecord message) throws IOException {
            out.write(encoder.encode(message));
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    record Result(int exit, String stdout, String stderr) {}

    @BeforeEach
    void findPythonEliot() throws Exception {
        PythonEliot pythonEliot = PythonEliot.findOrSkip("PythonInteropTest");
        python = pythonEliot.interpreter();
        script = pythonEliot.copyScript("/python/eliot_interop.py", dir);
        javaLog = dir.resolve("java.log");
        file = new JsonLinesFile(javaLog);
        Eliot.addDestination(file);
    }

    @AfterEach
    void closeFile() throws IOException {
        if (file != null) {
            Eliot.removeDestination(file);
            file.close();
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(
                process.exitValue(),
                new String(stdout.readAllBytes(), StandardCharsets.UTF_8),
                new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
    }

    private Result python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Result result = run(command);
        assertThat(result.exit())
                .as("python %s failed:%n%s", List.of(args), result.stderr())
                .isZero();
        return result;
    }

    record Item(String sku, int count) {}

    /** Logs a bit of everything; returns the uuid of the worked-example task. */
    private String logScenario() throws Exception {
        RuntimeException ono = new RuntimeException("ono");
        Action parent = Eliot.startTask("parent");
        try {
            parent.run(() -> {
                Message.log("info", "x", 1);
                Eliot.startAction("child").run(() -> Message.log("info", "x", 2));
                throw ono;
            });
        } catch (RuntimeException expected) {
            assertThat(expected).isSameAs(ono);
        }

        Message.log("app:standalone", "note", "outside any action");

        ExecutorService pool = Eliot.contextPreserving(Executors.newFixedThreadPool(2));
        try {
            Eliot.startTask("main_thread").run(() -> {
                Thread thread = new Thread(Eliot.preserveContext(() -> Eliot.startAction("in_thread", "x", 3, "y", 4)
                        .run(() -> Eliot.currentAction().orElseThrow().addSuccessField("result", 7))));
                thread.start();
                thread.join();
                pool.submit(() -> Message.log("pooled", "n", 1)).get();
                pool.submit(() -> Message.log("pooled", "n", 2)).get();
            });
        } finally {
            pool.shutdown();
        }

        Eliot.startTask("shop:order", "order", new Item("A-1", 2), "at", Instant.parse("2026-11-25T19:00:00Z"))
                .run(() -> Eliot.startAction("shop:price", "items", List.of(1, 2, 3))
                        .run(() -> {
                            Eliot.currentAction()
                                    .orElseThrow()
                                    .addSuccessFields(Map.of("total", 12.5, "currency", "EUR"));
                            Eliot.startAction("shop:tax")
                                    .run(() -> Message.log("shop:rate", "rate", 0.2, "exempt", false));
                        }));

        Eliot.registerExceptionExtractor(IllegalArgumentException.class, e -> Map.of("code", 400));
        try {
            Eliot.startTask("shop:validate").run(() -> {
                throw new IllegalArgumentException("no items");
            });
        } catch (IllegalArgumentException expected) {
            // logged as failed
        } finally {
            Eliot.registerExceptionExtractor(IllegalArgumentException.class, e -> Map.of());
        }
        return parent.taskUuid();
    }

    @Test
    void pythonParserRebuildsTheSameTreesFromShuffledJavaAndPythonLogs() throws Throwable {
        String workedExample = logScenario();

        // Java -> Python: Python continues a Java task.
        Action client = Eliot.startTask("java:client");
        String idForPython = client.serializeTaskId();
        Path pythonContinued = dir.resolve("python-continued.log");
        python("continue", idForPython, pythonContinued.toString());
        client.finish();

        // Python -> Java: Java continues a Python task.
        Path pythonClient = dir.resolve("python-client.log");
        String idFromPython =
                python("serialize", pythonClient.toString()).stdout().trim();
        Eliot.continueTask(idFromPython).run(() -> Message.log("java:handled", "language", "java"));

        List<String> lines = new ArrayList<>();
        for (Path p : List.of(javaLog, pythonContinued, pythonClient)) {
            lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        Map<String, List<MessageRecord>> javaTasks = TaskTrees.byTask(log.messages());
        javaTasks.remove(client.taskUuid());
        javaTasks.remove(idFromPython.substring(0, 36));
        Map<String, JsonNode> written = writtenLines();
        Seeds.forEach(seed -> {
            List<String> shuffledLines = new ArrayList<>(lines);
            Collections.shuffle(shuffledLines, new Random(seed));
            Path shuffled = dir.resolve("shuffled-" + seed + ".log");
            Files.write(shuffled, shuffledLines, StandardCharsets.UTF_8);
            checkPythonRebuildsTheTrees(shuffled, javaTasks, written, workedExample, client, idFromPython);
        });
    }

    /** Python's parser, given the lines in {@code shuffled}, rebuilds every task as it was logged. */
    private void checkPythonRebuildsTheTrees(
            Path shuffled,
            Map<String, List<MessageRecord>> javaTasks,
            Map<String, JsonNode> written,
            String workedExample,
            Action client,
            String idFromPython)
            throws Exception {

        Map<String, JsonNode> tasks = new HashMap<>();
        for (JsonNode task :
                JSON.readTree(python("parse", shuffled.toString()).stdout()).get("tasks")) {
            assertThat(task.get("complete").asBoolean())
                    .as("task %s complete", task.get("uuid"))
                    .isTrue();
            tasks.put(task.get("uuid").asString(), task.get("nodes"));
        }

        // Every task Java wrote alone comes back exactly as Java logged it, fields included.
        assertThat(tasks).containsKeys(javaTasks.keySet().toArray(String[]::new));
        javaTasks.forEach((uuid, records) -> {
            JsonNode nodes = tasks.get(uuid);
            assertThat(lines(nodes)).as("task %s", uuid).containsExactlyElementsOf(indented(records));
            Iterator<JsonNode> it = nodes.iterator();
            for (MessageRecord r : records) {
                assertThat(it.next().get("fields"))
                        .as("fields at %s in %s", r.taskLevel(), uuid)
                        .isEqualTo(written.get(uuid + r.taskLevel()));
            }
        });

        assertThat(lines(tasks.get(workedExample)))
                .containsExactly(
                        "[1] parent/started",
                        "[2] info",
                        "  [3, 1] child/started",
                        "  [3, 2] info",
                        "  [3, 3] child/succeeded",
                        "[4] parent/failed");
        assertThat(tasks.get(workedExample).get(5).get("fields"))
                .isEqualTo(JSON.readTree("{\"exception\":\"java.lang.RuntimeException\",\"reason\":\"ono\"}"));

        assertThat(lines(tasks.get(client.taskUuid())))
                .containsExactly(
                        "[1] java:client/started",
                        "  [2, 1] eliot:remote_task/started",
                        "  [2, 2] py:received",
                        "    [2, 3, 1] py:divide/started",
                        "    [2, 3, 2] py:divide/failed",
                        "  [2, 4] eliot:remote_task/succeeded",
                        "[3] java:client/succeeded");
        assertThat(lines(tasks.get(idFromPython.substring(0, 36))))
                .containsExactly(
                        "[1] py:client/started",
                        "  [2, 1] eliot:remote_task/started",
                        "  [2, 2] java:handled",
                        "  [2, 3] eliot:remote_task/succeeded",
                        "[3] py:client/succeeded");
        assertThat(tasks).hasSize(javaTasks.size() + 2);
    }

    private static List<String> lines(JsonNode nodes) {
        List<String> lines = new ArrayList<>();
        nodes.forEach(n -> lines.add(n.get("line").asString()));
        return lines;
    }

    /** Java's expectation: each message indented by its depth in the tree, in task-level order. */
    private static List<String> indented(List<MessageRecord> records) {
        return TaskTrees.render(records).stream()
                .map(line -> "  ".repeat(line.substring(0, line.indexOf(']')).split(",").length - 1) + line)
                .toList();
    }

    /** The non-structural fields of every line in the Java log, by task uuid + level. */
    private Map<String, JsonNode> writtenLines() throws IOException {
        Map<String, JsonNode> byPosition = new HashMap<>();
        for (String line : Files.readAllLines(javaLog, StandardCharsets.UTF_8)) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            String key = node.get("task_uuid").asString()
                    + TaskLevel.of(JSON.convertValue(node.get("task_level"), int[].class));
            STRUCTURAL.forEach(node::remove);
            byPosition.put(key, node);
        }
        return byPosition;
    }
}
