package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code target/eliot-tools.jar} (the shaded jar bin/eliot-html runs), in a child JVM with
 * nothing else on its class path: {@code html} writes the same page as in this JVM, so eliot-viewer's
 * page (its CSS and JavaScript, loaded as resources) is inside the jar. Runs after {@code package}
 * (the {@code jar-tests} execution in eliot-tools' pom).
 */
class EliotToolsJarIT {

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void findTheJar() {
        jar = Path.of(System.getProperty("user.dir"), "target", "eliot-tools.jar");
        assertThat(jar).as("the shaded jar, built by package before this test").isRegularFile();
    }

    @Test
    void theJarWritesThePageThisJvmWrites() throws Exception {
        String python = Tool.path("python-app.log");
        String java = Tool.path("java-app.log");
        Path fromJar = dir.resolve("jar.html");
        Path inProcess = dir.resolve("in-process.html");

        Result r = run(null, javaJar("html", python, java, "-o", fromJar.toString()));
        Tool.Result expected = Tool.run("html", python, java, "-o", inProcess.toString());

        assertThat(r).isEqualTo(new Result(0, "", ""));
        assertThat(expected.exit()).isZero();
        String page = Files.readString(fromJar);
        HtmlPage.assertSelfContained(page);
        assertThat(page).isEqualTo(Files.readString(inProcess));
        assertThat(HtmlPage.uuids(page)).hasSize(6);
    }

    @Test
    void theJarReadsStandardInputAndWritesThePageToStandardOutput() throws Exception {
        Path log = Path.of(Tool.path("java-app.log"));

        Result r = run(log, javaJar("html"));

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .isEqualTo(Tool.runWithInput(Files.readAllBytes(log), "html").stdout());
    }

    @Test
    void anOutputThatCannotBeWrittenExitsWithTwoAndLeavesNothing() throws Exception {
        Path out = dir.resolve("missing/out.html");

        Result r = run(null, javaJar("html", "-o", out.toString(), Tool.path("java-app.log")));

        assertThat(r)
                .isEqualTo(new Result(
                        EliotTools.USAGE_ERROR,
                        "",
                        "eliot-html: " + out + ": cannot write: no such directory " + out.getParent() + "\n"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing left in the test's directory").isEmpty();
        }
    }

    /** bin/eliot-html, as a user runs it, with the built jar. */
    @Test
    void binEliotHtmlRunsTheJar() throws Exception {
        Path script =
                Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("eliot-html");
        Path out = dir.resolve("page.html");
        String log = Tool.path("python-app.log");

        Result r = run(null, List.of(bash(), script.toString(), "-o", out.toString(), log));

        assertThat(r).isEqualTo(new Result(0, "", ""));
        assertThat(Files.readString(out)).isEqualTo(Tool.run("html", log).stdout());
    }

    /**
     * On a terminal, without {@code -o}, html does not pour the page onto the screen: it says to use
     * {@code -o} (a pseudo-terminal from util-linux's {@code script}; skipped where there is none).
     */
    @Test
    void onATerminalWithoutOutputItAsksForOne() throws Exception {
        Path scriptCommand = Path.of("/usr/bin/script");
        if (!Files.isExecutable(scriptCommand)) {
            System.err.println("SKIPPED EliotToolsJarIT.onATerminalWithoutOutputItAsksForOne: no /usr/bin/script");
            Assumptions.abort("no /usr/bin/script (util-linux) to run the jar on a pseudo-terminal");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = quote(java) + " -jar " + quote(jar.toString()) + " html " + quote(Tool.path("java-app.log"));

        Result r = run(null, List.of(scriptCommand.toString(), "-qec", command, "/dev/null"));

        assertThat(r.exit()).isEqualTo(EliotTools.USAGE_ERROR);
        assertThat(r.stdout())
                .contains("eliot-html: standard output is a terminal; write the page to a file with -o FILE")
                .doesNotContain("<html");
    }

    private List<String> javaJar(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String bash() {
        return Stream.of("/bin/bash", "/usr/bin/bash")
                .filter(b -> Files.isExecutable(Path.of(b)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bash"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private record Result(int exit, String stdout, String stderr) {}

    /** Runs {@code command} in {@code dir}, standard input from {@code stdin} (or empty). */
    private Result run(Path stdin, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.redirectInput(
                stdin == null
                        ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        Result r = new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
