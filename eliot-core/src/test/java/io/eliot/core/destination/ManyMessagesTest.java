package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten million messages through an asynchronous file destination in a JVM limited to 64 MB of heap:
 * the run completes and every message is in the file exactly once. Part of the long tests ({@code
 * -Plong-tests}, which {@code .ci/run} uses).
 */
@Tag("long")
class ManyMessagesTest {

    private static final long COUNT = 10_000_000;
    private static final int THREADS = 2;
    private static final long TIMEOUT_MINUTES = 15;

    @Test
    void tenMillionMessagesInSixtyFourMegabytesOfHeapAreAllWrittenExactlyOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("many.log");
        Path reportFile = dir.resolve("report.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ManyMessagesChild.class.getName(),
                        log.toString(),
                        Long.toString(COUNT),
                        Integer.toString(THREADS))
                .redirectOutput(reportFile.toFile()) // not a pipe read before waitFor: a hung child fails the test
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            assertThat(child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES))
                    .as("the child finishes within %s minutes", TIMEOUT_MINUTES)
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue())
                .as("exit code (an OutOfMemoryError exits with 3)")
                .isZero();
        String report = Files.readString(reportFile, StandardCharsets.UTF_8).trim();
        assertThat(report).isEqualTo("written " + COUNT + " dropped 0");

        BitSet[] seen = {new BitSet((int) (COUNT / THREADS)), new BitSet((int) (COUNT / THREADS))};
        long lines = scan(log, seen);
        assertThat(lines).isEqualTo(COUNT);
        for (BitSet s : seen) {
            assertThat(s.cardinality()).isEqualTo((int) (COUNT / THREADS));
        }
        Files.delete(log);
    }

    /**
     * Counts the lines, checks each is one JSON object, and marks the {@code (t, n)} of each in
     * {@code seen}, failing on a repeat. A byte scan: parsing ten million lines would take minutes.
     */
    private static long scan(Path log, BitSet[] seen) throws Exception {
        long lines = 0;
        byte[] line = new byte[4096];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 20)) {
            int length = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b != '\n') {
                    line[length++] = (byte) b;
                    continue;
                }
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                assertThat(text).startsWith("{\"task_uuid\":\"").endsWith("}");
                int t = (int) number(text, "\"t\":");
                long n = number(text, "\"n\":");
                assertThat(seen[t].get((int) n))
                        .as("message %s of thread %s seen twice", n, t)
                        .isFalse();
                seen[t].set((int) n);
                lines++;
                length = 0;
            }
            assertThat(length).as("the file ends with a whole line").isZero();
        }
        return lines;
    }

    private static long number(String text, String key) {
        int start = text.indexOf(key) + key.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(start, end));
    }
}
