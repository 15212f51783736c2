package io.eliot.benchmarks;

import io.eliot.tools.EliotTools;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code eliot-tree} throughput: one operation is one log line read, parsed into its task, and drawn
 * (output thrown away, like {@code > /dev/null}). The log has 1,000,000 lines: 100,000 tasks of 10
 * lines (a task action holding three child actions, one failed), 50 tasks interleaved at a time.
 * The score, in operations per second, is lines per second on one thread.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TreeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx256m"})
public class TreeBenchmark {

    static final int TASKS = 100_000;
    static final int LINES = TASKS * 10;

    private Path dir;
    private Path log;
    private final PrintStream nullErr = new PrintStream(OutputStream.nullOutputStream());

    @Setup
    public void writeLog() throws IOException {
        dir = Files.createTempDirectory("eliot-tree-bench");
        log = dir.resolve("large.log");
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            int interleaved = 50;
            String[][] batch = new String[interleaved][];
            for (int first = 0; first < TASKS; first += interleaved) {
                for (int i = 0; i < interleaved; i++) {
                    batch[i] = task(first + i);
                }
                for (int line = 0; line < 10; line++) {
                    for (int i = 0; i < interleaved; i++) {
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
        return new String[] {
            line(uuid, "1", ts, "\"action_type\":\"job\",\"action_status\":\"started\",\"n\":" + t),
            line(uuid, "2,1", ts + 0.001, "\"action_type\":\"step\",\"action_status\":\"started\""),
            line(uuid, "2,2", ts + 0.002, "\"message_type\":\"tick\",\"value\":\"v0\""),
            line(uuid, "2,3", ts + 0.003, "\"action_type\":\"step\",\"action_status\":\"succeeded\""),
            line(uuid, "3,1", ts + 0.001, "\"action_type\":\"step\",\"action_status\":\"started\""),
            line(uuid, "3,2", ts + 0.002, "\"message_type\":\"tick\",\"value\":\"v1\""),
            line(uuid, "3,3", ts + 0.003, "\"action_type\":\"step\",\"action_status\":\"succeeded\""),
            line(uuid, "4,1", ts + 0.001, "\"action_type\":\"step\",\"action_status\":\"started\""),
            line(
                    uuid,
                    "4,2",
                    ts + 0.003,
                    "\"action_type\":\"step\",\"action_status\":\"failed\",\"exception\":\"E\",\"reason\":\"r\""),
            line(uuid, "5", ts + 0.004, "\"action_type\":\"job\",\"action_status\":\"succeeded\""),
        };
    }

    private static String line(String uuid, String level, double ts, String rest) {
        return "{\"task_uuid\":\"" + uuid + "\",\"task_level\":[" + level + "],\"timestamp\":" + ts + "," + rest + "}";
    }

    @TearDown
    public void deleteLog() throws IOException {
        Files.deleteIfExists(log);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int tree() {
        int exit = EliotTools.run(
                List.of("tree", "--color=never", log.toString()),
                new ByteArrayInputStream(new byte[0]),
                OutputStream.nullOutputStream(),
                nullErr);
        if (exit != 0) {
            throw new IllegalStateException("eliot-tree exited with " + exit);
        }
        return exit;
    }
}
