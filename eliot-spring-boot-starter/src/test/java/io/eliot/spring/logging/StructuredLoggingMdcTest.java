package io.eliot.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.spring.ChildOutput;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Spring Boot web application in a child JVM, logging the way Boot sets up structured
 * logging by itself ({@code logging.structured.format.file=ecs}, {@code logging.file.name}; no
 * logback file on its class path): the ordinary {@code log.info} lines of a request carry its
 * task uuid (the {@code x-eliot-task-uuid} response header) and the level of the action they were
 * logged in, read back from the JSON lines Boot wrote. Lines outside any request carry neither.
 */
class StructuredLoggingMdcTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aRequestsOrdinaryLogLinesInBootsEcsFileCarryItsTaskUuidAndLevel() throws Exception {
        Path log = dir.resolve("app.log");
        Process child = start(log);
        ChildOutput out = new ChildOutput(child);
        HttpResponse<String> plain;
        HttpResponse<String> continued;
        String callerTask = UUID.randomUUID().toString();
        try {
            int port = Integer.parseInt(out.awaitLine("port ").substring("port ".length()));
            HttpClient http = HttpClient.newHttpClient();
            URI stock = URI.create("http://127.0.0.1:" + port + "/stock");
            plain = http.send(HttpRequest.newBuilder(stock).build(), HttpResponse.BodyHandlers.ofString());
            continued = http.send(
                    HttpRequest.newBuilder(stock)
                            .header("x-eliot-task-id", callerTask + "@/3/2")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            child.toHandle().destroy(); // SIGTERM: Boot closes the context and the log file
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
            out.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(plain.body()).isEqualTo("reserved");
        assertThat(continued.body()).isEqualTo("reserved");
        String plainTask = plain.headers().firstValue("x-eliot-task-uuid").orElseThrow();
        assertThat(continued.headers().firstValue("x-eliot-task-uuid")).contains(callerTask);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line)); // every line is JSON: Boot's ECS format
        }
        List<List<String>> shopLines = lines.stream()
                .filter(line -> line.path("log").path("logger").asString("").endsWith("Shop"))
                .map(line ->
                        List.of(line.path("message").asString(), eliot(line, "task_uuid"), eliot(line, "task_level")))
                .toList();
        // The request is the task's first action ("/"); a continued one sits in its remote_task at
        // /3/2, taking /3/2/2 there; shop:reserve is the request's second slot.
        assertThat(shopLines)
                .containsExactly(
                        List.of("checking stock", plainTask, "/"),
                        List.of("reserving", plainTask, "/2"),
                        List.of("checking stock", callerTask, "/3/2/2"),
                        List.of("reserving", callerTask, "/3/2/2/2"));
        JsonNode started = lines.stream()
                .filter(line -> line.path("message").asString("").startsWith("Started MdcStructuredLogging"))
                .findFirst()
                .orElseThrow();
        assertThat(started.has("eliot"))
                .as("a line outside any action: %s", started)
                .isFalse();
    }

    /** An Eliot MDC key in an ECS line: Boot nests dotted keys, {@code "eliot": {"task_uuid": ...}}. */
    private static String eliot(JsonNode line, String key) {
        return line.path("eliot").path(key).asString(null);
    }

    /**
     * The child: the test class path without logback files (the tests' own {@code
     * logback-test.xml} would take Boot's place), and this application's classes copied aside.
     */
    private Process start(Path log) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path own = Path.of(MdcStructuredLoggingApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        String packagePath =
                MdcStructuredLoggingApplication.class.getPackageName().replace('.', '/');
        Files.createDirectories(classes.resolve(packagePath));
        try (Stream<Path> files = Files.list(own.resolve(packagePath))) {
            for (Path file : files.filter(f -> f.getFileName()
                            .toString()
                            .startsWith(MdcStructuredLoggingApplication.class.getSimpleName()))
                    .toList()) {
                Files.copy(file, classes.resolve(packagePath).resolve(file.getFileName()));
            }
        }
        List<String> classPath = new ArrayList<>(List.of(classes.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!hasLogbackFile(Path.of(entry))) {
                classPath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xshare:auto",
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        MdcStructuredLoggingApplication.class.getName(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--logging.structured.format.file=ecs",
                        "--logging.file.name=" + log,
                        "--eliot.destinations.file.file.path=" + dir.resolve("eliot.log"))
                .redirectErrorStream(true)
                .start();
    }

    private static boolean hasLogbackFile(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve("logback-test.xml")) || Files.exists(entry.resolve("logback.xml"));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry("logback-test.xml") != null || jar.getEntry("logback.xml") != null;
        }
    }
}
