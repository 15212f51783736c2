package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.testsupport.PythonEliot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Python Eliot client ({@code urllib} plus {@code eliot}) calls the running server with its
 * serialized task id; Python's {@code eliot.parse.Parser} reads both logs merged as one task. The
 * subclasses run it against the servlet filter and the WebFlux decorator. Skipped, with the reason
 * printed, where no Python interpreter can {@code import eliot} ({@code apt-get install
 * python3-eliot} provides one for {@code /usr/bin/python3}).
 */
abstract class PythonClientInterop {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private PythonEliot python;
    private Path script;
    private Path javaLog;
    private JsonFileDestination javaFile;

    /** What the server under test logs. */
    abstract MemoryDestination serverLog();

    @BeforeEach
    void findPythonEliot() throws IOException {
        python = PythonEliot.findOrSkip(getClass().getSimpleName());
        script = python.copyScript("/python/eliot_http_client.py", dir);
        javaLog = dir.resolve("java.log");
        javaFile = JsonFileDestination.open(javaLog);
        Eliot.addDestination(javaFile);
    }

    @AfterEach
    void closeJavaLog() throws IOException {
        if (javaFile != null) {
            Eliot.removeDestination(javaFile);
            javaFile.close();
        }
    }

    @Test
    void aPythonClientsTaskContinuesInTheServerAndBothLogsParseAsOneTask() throws Exception {
        Path pythonLog = dir.resolve("python.log");

        String taskUuid = python("call", "http://localhost:" + port + "/hello/python", pythonLog.toString())
                .strip();
        new RequestLog(serverLog()::messages)
                .await(m -> m.taskUuid().equals(taskUuid)
                        && "eliot:remote_task".equals(m.actionType())
                        && m.actionStatus() != io.eliot.core.record.ActionStatus.STARTED);
        closeJavaLog();
        javaFile = null;

        JsonNode parsed = JSON.readTree(python("parse", javaLog.toString(), pythonLog.toString()));
        List<JsonNode> tasks = new ArrayList<>();
        parsed.get("tasks").forEach(t -> {
            if (t.get("uuid").asString().equals(taskUuid)) {
                tasks.add(t);
            }
        });
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("complete").asBoolean()).isTrue();
        List<String> nodes = new ArrayList<>();
        task.get("nodes").forEach(n -> nodes.add(n.asString()));
        assertThat(nodes)
                .containsExactly(
                        "[1] py:client/started",
                        "  [2, 1] eliot:remote_task/started",
                        "    [2, 2, 1] http:request/started",
                        "    [2, 2, 2] test:greeting",
                        "    [2, 2, 3] http:request/succeeded",
                        "  [2, 3] eliot:remote_task/succeeded",
                        "[3] py:response",
                        "[4] py:client/succeeded");
        String pythonLines = Files.readString(pythonLog);
        assertThat(pythonLines).contains("\"task_uuid_header\": \"" + taskUuid + "\"");
    }

    /** Runs the client script with {@code args}; its standard output (a non-zero exit fails the test). */
    private String python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return python.run(command);
    }
}
