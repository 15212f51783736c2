package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1,000,000-line log goes through {@code tree} in a JVM with a 64 MB heap. */
class LargeLogTest {

    static final int TASKS = 100_000;
    static final int LINES_PER_TASK = 10;
    /** How many tasks are open at once: their lines are interleaved. */
    static final int INTERLEAVED = 50;

    @TempDir
    Path dir;

    /**
     * Writes {@code TASKS} tasks of {@code LINES_PER_TASK} lines each: a task action holding four
     * child actions (start, message, end) minus one message; the lines of {@code INTERLEAVED}
     * consecutive tasks are interleaved round-robin.
     */
    static void writeLog(Path file, int tasks) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String[][] batch = new String[INTERLEAVED][];
            for (int first = 0; first < tasks; first += INTERLEAVED) {
                int n = Math.min(INTERLEAVED, tasks - first);
                for (int i = 0; i < n; i++) {
                    batch[i] = task(first + i);
                }
                for (int line = 0; line < LINES_PER_TASK; line++) {
                    for (int i = 0; i < n; i++) {
                        out.write(batch[i][line]);
                        out.write('\n');
                    }
                }
            }
        }
    }

    private static String[] task(int t) {
        String uuid = String.format("%08x-0000-4000-8000-%012x", t, (long) t * 7919);
        double ts = 1795600000.0 + t / 100.0;
        String[] lines = new String[LINES_PER_TASK];
        int k = 0;
        lines[k++] = line(uuid, "1", ts, "\"action_type\":\"job\",\"action_status\":\"started\",\"n\":" + t);
        for (int c = 0; c < 3; c++) {
            int slot = c + 2;
            lines[k++] = line(uuid, slot + ",1", ts + 0.001, "\"action_type\":\"step\",\"action_status\":\"started\"");
            if (c < 2) {
                lines[k++] = line(uuid, slot + ",2", ts + 0.002, "\"message_type\":\"tick\",\"value\":\"v" + c + "\"");
                lines[k++] =
                        line(uuid, slot + ",3", ts + 0.003, "\"action_type\":\"step\",\"action_status\":\"succeeded\"");
            } else {
                lines[k++] = line(
                        uuid,
                        slot + ",2",
                        ts + 0.003,
                        "\"action_type\":\"step\",\"action_status\":\"failed\",\"exception\":\"E\",\"reason\":\"r\"");
            }
        }
        lines[k++] = line(uuid, "5", ts + 0.004, "\"action_type\":\"job\",\"action_status\":\"succeeded\"");
        if (k != LINES_PER_TASK) {
            throw new IllegalStateException("lines per task: " + k);
        }
        return lines;
    }

    private static String line(String uuid, String level, double ts, String rest) {
        return "{\"task_uuid\":\"" + uuid + "\",\"task_level\":[" + level + "],\"timestamp\":" + ts + "," + rest + "}";
    }

    @Test
    void aMillionLineLogIsDrawnInBoundedMemory() throws Exception {
        Path log = dir.resolve("large.log");
        writeLog(log, TASKS);
        Path out = dir.resolve("tree.txt");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EliotTools.class.getName(),
                        "tree",
                        "--color=never",
                        log.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        long started = System.nanoTime();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "LargeLogTest: %,d lines in %.1f s with -Xmx64m (%,.0f lines/s, JVM start included)%n",
                TASKS * LINES_PER_TASK, seconds, TASKS * LINES_PER_TASK / seconds);

        assertThat(Files.readString(err)).isEmpty();
        assertThat(p.exitValue()).isZero();
        long tasks = 0;
        long failed = 0;
        try (BufferedReader in = Files.newBufferedReader(out)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() == 36 && line.charAt(8) == '-') {
                    tasks++;
                } else if (line.contains("⇒ failed")) {
                    failed++;
                }
            }
        }
        assertThat(tasks).isEqualTo(TASKS);
        assertThat(failed).isEqualTo(TASKS);
        assertThat(Files.size(log)).isGreaterThan(100_000_000L);
    }
}
