package io.eliot.benchmarks;

import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import io.eliot.core.slf4j.EliotMdc;
import java.util.concurrent.TimeUnit;
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

/**
 * What the SLF4J MDC bridge ({@link EliotMdc}, logback's MDC) costs per action, with nothing
 * written (a no-op destination), so that only Eliot's own work is measured: {@code action} starts a
 * task per call, {@code childAction} a child of an action kept current on the benchmark thread (so closing
 * it puts the parent's values back rather than removing the keys).
 * {@code mdc=off} is the path every application takes without the bridge.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MdcBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MdcBenchmark {

    @Param({"off", "on"})
    public String mdc;

    private final Destination noop = message -> {};

    private int a = 17;
    private String b = "checkout";

    @Setup(Level.Trial)
    public void install() {
        Eliot.addDestination(noop);
        if (mdc.equals("on")) {
            EliotMdc.install();
        }
    }

    @TearDown(Level.Trial)
    public void uninstall() {
        EliotMdc.uninstall();
        Eliot.removeDestination(noop);
    }

    static String work(int a, String b) {
        return b + a;
    }

    @Benchmark
    public String action() {
        int x = a;
        String y = b;
        return Eliot.startTask("bench:work", "a", x, "b", y).call(() -> work(x, y));
    }

    @Benchmark
    public String childAction(OpenParent parent) {
        int x = a;
        String y = b;
        return Eliot.startAction("bench:work", "a", x, "b", y).call(() -> work(x, y));
    }

    /** An action made current on the benchmark thread for the whole trial (each trial has its own JVM). */
    @State(Scope.Thread)
    public static class OpenParent {
        @Setup(Level.Trial)
        public void enter(MdcBenchmark benchmark) {
            Eliot.startTask("bench:parent").context(); // stays current; never finished
        }
    }
}
