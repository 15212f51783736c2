package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/eliot-tree}, {@code bin/eliot-prettyprint} and {@code bin/eliot-html}, copied into a clone-like directory: they
 * say how to build the jar when it is missing, and run it with their command when it is there.
 */
class BinScriptsTest {

    @TempDir
    Path clone;

    private String bash;

    @BeforeEach
    void findBash() {
        bash = List.of("/bin/bash", "/usr/bin/bash").stream()
                .filter(b -> Files.isExecutable(Path.of(b)))
                .findFirst()
                .orElse(null);
        if (bash == null) {
            System.err.println("SKIPPED BinScriptsTest: no bash at /bin/bash or /usr/bin/bash");
            Assumptions.abort("no bash");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eliot-tree", "eliot-prettyprint", "eliot-html"})
    void withoutTheJarTheScriptSaysHowToBuildIt(String script) throws Exception {
        Path bin = copyScripts();

        Result r = run(bin.resolve(script), "app.log");

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .isEqualTo(script + ": " + clone + "/eliot-tools/target/eliot-tools.jar is missing: the tools are not"
                        + " built yet. Build them with:\n"
                        + "  cd " + clone + " && ./mvnw -B -q -pl eliot-tools -am package -DskipTests\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eliot-tree", "eliot-prettyprint", "eliot-html"})
    void withTheJarTheScriptRunsItsCommand(String script) throws Exception {
        Path bin = copyScripts();
        Path jar = clone.resolve("eliot-tools/target/eliot-tools.jar");
        Files.createDirectories(jar.getParent());
        writeLauncherJar(jar);

        Result r = run(bin.resolve(script), "-u", "nothing-matches", "--bogus");

        assertThat(r.stderr())
                .isEqualTo(script + ": unknown option for " + script.substring("eliot-".length()) + ": --bogus\n"
                        + "Try '" + script + " --help'.\n");
        assertThat(r.exit()).isEqualTo(EliotTools.USAGE_ERROR);
    }

    private Path copyScripts() throws IOException {
        Path source = Path.of(System.getProperty("user.dir")).resolveSibling("bin");
        Path bin = Files.createDirectories(clone.resolve("bin"));
        for (String script : List.of("eliot-tree", "eliot-prettyprint", "eliot-html")) {
            Files.copy(source.resolve(script), bin.resolve(script));
        }
        return bin;
    }

    /** A jar whose manifest runs EliotTools from this test's class path (what the shaded jar holds). */
    private static void writeLauncherJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, EliotTools.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bash, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(clone.toFile());
        Path out = clone.resolve("out.txt");
        Path err = clone.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script finished").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
