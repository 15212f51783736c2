package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Destination#reportDeliveryFailure} before Eliot's registry is loaded (a real child JVM
 * that never logs through Eliot): the failure and its message go to standard error, not nowhere.
 */
class ReportWithoutRegistryTest {

    @Test
    void aFailureReportedBeforeTheRegistryIsLoadedIsWrittenToStandardErrorWithItsMessage() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReportWithoutRegistryChild.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output.lines().toList())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("eliot: ")
                        .contains("failed to deliver a message (java.io.IOException: disk full)")
                        .contains("child:written"))
                .contains("done");
        assertThat(child.exitValue()).isZero();
    }
}
