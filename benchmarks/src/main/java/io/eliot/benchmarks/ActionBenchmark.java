package io.eliot.benchmarks;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.FlushPolicy;
import io.eliot.core.destination.JsonFileDestination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one logged call: a method taking two arguments and returning a value, run as an
 * action with the two arguments as fields (a {@code started} and a {@code succeeded} message).
 *
 * <ul>
 *   <li>{@code baseline}: the plain method, no logging;
 *   <li>{@code action} with {@code destination=noop}: Eliot's own cost (ids, levels, timestamps,
 *       records), nothing written;
 *   <li>{@code action} with {@code destination=asyncFile}: into an asynchronous JSON-lines file
 *       (flushed every second); under sustained load the queue fills, so this is the writer's pace;
 *   <li>{@code message} with {@code destination=syncFile}: one standalone message straight into the
 *       file on the calling thread: messages per second sustained to a file;
 *   <li>{@code messageWithCollections}: a message whose values are a list and a map holding a list,
 *       which Eliot captures as of the call.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ActionBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ActionBenchmark {

    @Param({"noop", "asyncFile", "syncFile"})
    public String destination;

    private Path dir;
    private Destination installed;

    private int a = 17;
    private String b = "checkout";

    @Setup(Level.Trial)
    public void install() throws IOException {
        dir = Files.createTempDirectory("eliot-bench");
        Path file = dir.resolve("bench.log");
        installed = switch (destination) {
            case "noop" -> message -> {};
            case "asyncFile" ->
                AsyncDestination.wrap(JsonFileDestination.builder(file)
                        .flushPolicy(FlushPolicy.every(Duration.ofSeconds(1)))
                        .rollover(256L * 1024 * 1024, 1)
                        .build());
            case "syncFile" ->
                JsonFileDestination.builder(file)
                        .flushPolicy(FlushPolicy.every(Duration.ofSeconds(1)))
                        .rollover(256L * 1024 * 1024, 1)
                        .build();
            default -> throw new IllegalArgumentException(destination);
        };
        Eliot.addDestination(installed);
    }

    @TearDown(Level.Trial)
    public void uninstall() throws Exception {
        Eliot.removeDestination(installed);
        installed.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    static String work(int a, String b) {
        return b + a;
    }

    @Benchmark
    public String baseline() {
        return work(a, b);
    }

    @Benchmark
    public String action() {
        int x = a;
        String y = b;
        return Eliot.startAction("bench:work", "a", x, "b", y).call(() -> work(x, y));
    }

    @Benchmark
    public void message(Blackhole hole) {
        Message.log("bench:event", "a", a, "b", b);
        hole.consume(a);
    }

    private final java.util.List<String> items =
            new java.util.ArrayList<>(java.util.List.of("a1", "b22", "c333", "d4", "e5"));
    private final java.util.Map<String, Object> attrs = new java.util.LinkedHashMap<>(
            java.util.Map.of("sku", "X-1", "count", 3, "tags", java.util.List.of("new", "sale")));

    /** A message whose fields are a mutable list and a map (with a nested list): what capturing them costs. */
    @Benchmark
    public void messageWithCollections(Blackhole hole) {
        Message.log("bench:event", "items", items, "attrs", attrs);
        hole.consume(a);
    }
}
