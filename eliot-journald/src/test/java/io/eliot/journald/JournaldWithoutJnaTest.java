package io.eliot.journald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JNA is an optional dependency: a real child JVM without it on the class path. */
class JournaldWithoutJnaTest {

    @TempDir
    Path dir;

    @Test
    void eliotWorksWithoutJnaAndTheJournaldDestinationSaysWhatIsMissing() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("jna"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).as("JNA was on the test class path").isNotEqualTo(System.getProperty("java.class.path"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        JournaldWithoutJnaChild.class.getName(),
                        log.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String reason = "it needs JNA on the class path (add net.java.dev.jna:jna 5.x)";
        assertThat(output.lines().toList())
                .containsExactly(
                        "identifier: JournaldWithoutJnaChild",
                        "reason: " + reason,
                        "build: The journald destination is unavailable: " + reason,
                        "done");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).singleElement().asString().contains("\"message_type\":\"child:logged\"");
    }
}
