package io.eliot.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Python Eliot (the reference implementation) for the tests that compare with it. */
final class PythonEliot {

    private static String interpreter;
    private static boolean searched;

    private PythonEliot() {}

    /**
     * A Python interpreter that can {@code import eliot.prettyprint} and {@code eliot.parse}; aborts
     * the calling test, printing why, when there is none.
     */
    static synchronized String interpreterOrSkip(String test) {
        if (!searched) {
            searched = true;
            interpreter = find();
        }
        if (interpreter == null) {
            String reason = "no Python interpreter can 'import eliot.prettyprint, eliot.parse' (tried /usr/bin/python3"
                    + " and python3 on PATH); install it with: apt-get install python3-eliot";
            System.err.println("SKIPPED " + test + ": " + reason);
            Assumptions.abort(reason);
        }
        return interpreter;
    }

    private static String find() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import eliot.prettyprint, eliot.parse")
                        .directory(new File(System.getProperty("java.io.tmpdir")))
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException ignored) {
                // try the next one
            }
        }
        return null;
    }

    /** Runs {@code python args...}; returns its standard output, failing on a non-zero exit. */
    static String run(String python, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python);
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        byte[][] err = new byte[1][];
        Thread errReader = new Thread(() -> {
            try {
                err[0] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python " + args + " did not finish in 120 s");
        }
        errReader.join();
        if (p.exitValue() != 0) {
            throw new AssertionError("python " + args + " exited with " + p.exitValue() + ": "
                    + new String(err[0], StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
