package io.eliot.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Python Eliot for the interop tests: an interpreter that can {@code import eliot.parse} (trying
 * {@code /usr/bin/python3} first, then {@code python3} on the PATH) and the helper script {@code
 * python/eliot_interop.py} copied where it can run.
 *
 * @param interpreter the Python to run
 * @param script the helper script
 */
public record PythonEliot(String interpreter, Path script) {

    /**
     * Finds Python Eliot and copies the script into {@code dir}; where there is none, skips the
     * calling test, printing why ({@code apt-get install python3-eliot} provides it).
     */
    public static PythonEliot inOrSkip(Path dir, String testName) throws IOException {
        String interpreter = findInterpreter();
        if (interpreter == null) {
            String reason = "no Python interpreter can 'import eliot.parse' (tried /usr/bin/python3 and python3 on"
                    + " PATH); install it with: apt-get install python3-eliot";
            System.err.println("SKIPPED " + testName + ": " + reason);
            Assumptions.abort(reason);
        }
        Path script = dir.resolve("eliot_interop.py");
        try (InputStream in = PythonEliot.class.getResourceAsStream("/python/eliot_interop.py")) {
            Files.copy(in, script);
        }
        return new PythonEliot(interpreter, script);
    }

    private static String findInterpreter() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import eliot.parse")
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().close();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException | InterruptedException ignored) {
                // try the next one
            }
        }
        return null;
    }
}
