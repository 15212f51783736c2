package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.testsupport.PythonEliot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code prettyprint --compact} prints what Python Eliot's own {@code eliot-prettyprint --compact}
 * prints for the same ASCII log. Skipped, with the reason printed, where no Python interpreter can
 * {@code import eliot.prettyprint}.
 */
class CompactMatchesPythonTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java-app.log", "shuffled"})
    void compactOutputIsPythonEliotsOwn(String log) throws Exception {
        String python = PythonEliot.findOrSkip("CompactMatchesPythonTest").interpreter();
        Path input = dir.resolve("input.log");
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        if (log.equals("shuffled")) {
            lines = new ArrayList<>(lines);
            Collections.shuffle(lines, new Random(8));
        }
        Files.write(input, lines);
        Path expected = dir.resolve("python.out");
        Process p = new ProcessBuilder(python, "-c", "from eliot.prettyprint import _main; _main()", "--compact")
                .directory(dir.toFile())
                .redirectInput(input.toFile())
                .redirectOutput(expected.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        Tool.Result r = Tool.run("prettyprint", "--compact", input.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
