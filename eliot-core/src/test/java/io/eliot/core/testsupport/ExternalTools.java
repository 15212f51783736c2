package io.eliot.core.testsupport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** For tests that run programs of the machine (journald, rsyslog): whether one runs, and skipping with a reason. */
public final class ExternalTools {

    private ExternalTools() {}

    /** Whether {@code command} runs and exits 0 within 30 s. */
    public static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test if {@code condition}, printing why on standard error. */
    public static void skipIf(boolean condition, String testName, String reason) {
        if (condition) {
            System.err.println("SKIPPED " + testName + ": " + reason);
            Assumptions.abort(reason);
        }
    }
}
