package io.eliot.aspects.modes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars as Java modules: an application module that {@code requires io.eliot.aspects}
 * compiles against them, runs on the module path (plain API, Jackson values, load-time weaving of
 * {@code @LoggedAction}) and writes a log core's parser reads back; one that imports an {@code
 * internal} package does not compile. Everything else in the build runs the same jars on the class
 * path.
 */
class ModulePathTest {

    /** The jars (or class directories) of the modules an application on the module path needs. */
    private static final List<String> MODULES = List.of(
            "eliot-core",
            "eliot-annotations",
            "eliot-aspects",
            "aspectjrt",
            "jackson-databind",
            "jackson-core",
            "jackson-annotations");

    /** eliot-core's internal package (spelled so that ModuleInternalsTest does not take it for a use). */
    private static final String CORE_INTERNAL = String.join(".", "io", "eliot", "core", "internal");

    private static String modulePath;
    private static String weaver;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findTheModules() {
        List<String> classPath =
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> found = new ArrayList<>();
        for (String module : MODULES) {
            String entry = classPath.stream()
                    .filter(e -> isEntryOf(e, module))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(module + " is not on the test class path: " + classPath));
            found.add(entry);
        }
        modulePath = String.join(File.pathSeparator, found);
        weaver = classPath.stream()
                .filter(e -> isEntryOf(e, "aspectjweaver"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("aspectjweaver is not on the test class path"));
    }

    /** Whether a class path entry is {@code name}'s jar, or its reactor class directory. */
    private static boolean isEntryOf(String entry, String name) {
        Path path = Path.of(entry);
        String file = path.getFileName().toString();
        if (file.equals("classes")
                && path.getParent() != null
                && path.getParent().getParent() != null) {
            return path.getParent().getParent().getFileName().toString().equals(name);
        }
        return file.matches(java.util.regex.Pattern.quote(name) + "-\\d.*\\.jar");
    }

    @Test
    void anApplicationModuleLogsWovenActionsAndJacksonValuesOnTheModulePath() throws Exception {
        Path app = writeModule("app", """
                module demo.app {
                    requires io.eliot.aspects;
                }
                """, """
                package demo.app;

                import io.eliot.annotations.LoggedAction;
                import io.eliot.core.Eliot;
                import io.eliot.core.destination.JsonFileDestination;
                import java.nio.file.Path;
                import tools.jackson.databind.json.JsonMapper;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        JsonFileDestination file = JsonFileDestination.builder(Path.of(args[0])).build();
                        Eliot.addDestination(file);
                        Eliot.startTask("app:run", "node", JsonMapper.builder().build().readTree("{\\"a\\":[1,2]}"))
                                .run(() -> System.out.println(new Main().greet("ada")));
                        Eliot.closeDestinations();
                    }

                    @LoggedAction("app:greet")
                    public String greet(String name) {
                        return "hello " + name;
                    }
                }
                """);
        Path log = dir.resolve("app.log");

        Process process = new ProcessBuilder(
                        javaCommand(),
                        "-javaagent:" + weaver,
                        // The weaver (class path, unnamed module) uses sun.misc.Unsafe; an application
                        // launched with -m resolves only what its modules require.
                        "--add-modules",
                        "jdk.unsupported",
                        "--module-path",
                        modulePath + File.pathSeparator + app,
                        "-m",
                        "demo.app/demo.app.Main",
                        log.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("hello ada");

        ParseResult parsed = LogParser.parse(Files.readAllLines(log));
        assertThat(parsed.problems()).isEmpty();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"action_type\":\"app:run\"").contains("\"node\":{\"a\":[1,2]}");
        assertThat(lines.get(1)).contains("\"action_type\":\"app:greet\"").contains("\"name\":\"ada\"");
        assertThat(lines.get(2)).contains("\"action_status\":\"succeeded\"").contains("\"result\":\"hello ada\"");
        assertThat(lines.get(3)).contains("\"action_type\":\"app:run\"").contains("\"action_status\":\"succeeded\"");
    }

    @Test
    void anApplicationModuleCannotImportEliotInternals() throws Exception {
        Path sources = dir.resolve("internal-src");
        Files.createDirectories(sources.resolve("demo/sneaky"));
        Files.writeString(sources.resolve("module-info.java"), "module demo.sneaky { requires io.eliot.core; }");
        Files.writeString(sources.resolve("demo/sneaky/Sneaky.java"), """
                package demo.sneaky;

                public class Sneaky {
                    Object peek() {
                        return %s.Timestamps.class;
                    }
                }
                """.formatted(CORE_INTERNAL));

        StringWriter diagnostics = new StringWriter();
        boolean compiled = compile(sources, dir.resolve("internal-out"), diagnostics);

        assertThat(compiled).isFalse();
        assertThat(diagnostics.toString())
                .contains(
                        "package " + CORE_INTERNAL + " is declared in module io.eliot.core, which does not export it");
    }

    private static Path writeModule(String name, String moduleInfo, String main) throws IOException {
        Path sources = dir.resolve(name + "-src");
        Files.createDirectories(sources.resolve("demo/app"));
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(sources.resolve("demo/app/Main.java"), main);
        Path out = dir.resolve(name + "-out");
        StringWriter diagnostics = new StringWriter();
        assertThat(compile(sources, out, diagnostics))
                .as(diagnostics.toString())
                .isTrue();
        return out;
    }

    private static boolean compile(Path sources, Path out, StringWriter diagnostics) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> files;
        try (var walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        // An explicit, empty class path: javac in this JVM would otherwise use the test's class path.
        Path noClassPath = Files.createDirectories(dir.resolve("no-class-path"));
        List<String> args = new ArrayList<>(List.of(
                "--module-path",
                modulePath,
                "--class-path",
                noClassPath.toString(),
                "-parameters",
                "-d",
                out.toString()));
        args.addAll(files);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        diagnostics.write(errors.toString(StandardCharsets.UTF_8));
        return status == 0;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
