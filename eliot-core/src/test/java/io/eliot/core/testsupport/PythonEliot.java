package io.eliot.core.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Python Eliot, the reference implementation, for the tests that compare with it: an interpreter
 * that can {@code import eliot.parse, eliot.prettyprint} ({@code /usr/bin/python3} first, then
 * {@code python3} on the PATH), looked for once per JVM. Where there is none, the calling test is
 * skipped with the reason printed ({@code apt-get install python3-eliot} provides it).
 *
 * <pre>{@code
 * PythonEliot python = PythonEliot.findOrSkip("PythonInteropTest");
 * Path script = python.copyScript("/python/eliot_interop.py", dir);
 * String out = python.run(List.of(script.toString(), "parse", log.toString()));
 * }</pre>
 */
public final class PythonEliot {

    static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    static final String IMPORTS = "import eliot.parse, eliot.prettyprint";

    private static String found;
    private static boolean searched;

    private final String interpreter;

    private PythonEliot(String interpreter) {
        this.interpreter = interpreter;
    }

    /**
     * Python Eliot; where no interpreter can import it, aborts the calling test (JUnit counts it as
     * skipped), printing {@code SKIPPED <testName>: <why>} to standard error.
     */
    public static synchronized PythonEliot findOrSkip(String testName) {
        if (!searched) {
            searched = true;
            found = find(CANDIDATES);
        }
        if (found == null) {
            String reason = skipReason(CANDIDATES);
            System.err.println("SKIPPED " + testName + ": " + reason);
            Assumptions.abort(reason);
        }
        return new PythonEliot(found);
    }

    /** Why a test is skipped when none of {@code candidates} can import Python Eliot. */
    static String skipReason(List<String> candidates) {
        return "no Python interpreter can '" + IMPORTS + "' (tried " + String.join(", ", candidates)
                + "); install it with: apt-get install python3-eliot";
    }

    /** The first of {@code candidates} that can import Python Eliot, or null. */
    static String find(List<String> candidates) {
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", IMPORTS)
                        .directory(new File(System.getProperty("java.io.tmpdir")))
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().close();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The interpreter's command, e.g. {@code /usr/bin/python3}. */
    public String interpreter() {
        return interpreter;
    }

    /**
     * Copies the classpath resource {@code resource} (e.g. {@code /python/eliot_interop.py}) into
     * {@code dir}, replacing an earlier copy, and returns the copy.
     */
    public Path copyScript(String resource, Path dir) throws IOException {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path script = dir.resolve(name);
        try (InputStream in = PythonEliot.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " on the test classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /**
     * Runs {@code python args...} in the temporary directory and returns its standard output.
     *
     * @throws AssertionError if it exits non-zero (with its standard error) or runs over 120 s
     */
    public String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(interpreter);
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        p.getOutputStream().close();
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
