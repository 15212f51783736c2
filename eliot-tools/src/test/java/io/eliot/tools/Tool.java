package io.eliot.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the tools in this JVM with captured streams. */
final class Tool {

    record Result(int exit, String stdout, String stderr) {}

    private Tool() {}

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Result runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EliotTools.run(
                List.of(args),
                new ByteArrayInputStream(stdin),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A test resource as text. */
    static String resource(String name) {
        try (InputStream in = Tool.class.getResourceAsStream("/logs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource logs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource's path on disk, for the tools to open as a FILE. */
    static String path(String name) {
        try {
            return java.nio.file.Path.of(Tool.class.getResource("/logs/" + name).toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
