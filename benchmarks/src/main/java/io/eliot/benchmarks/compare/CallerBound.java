package io.eliot.benchmarks.compare;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Caller-bound regime: what one logged call costs the calling thread when the background writer
 * keeps up. The caller is paced ({@code Blackhole.consumeCPU(pace)} before each call, about 4 µs,
 * longer than any writer here needs for two lines), so the queue stays short and each call is
 * measured without waiting for room. Every benchmark pays the same pace: the cost of logging is the
 * score minus {@link #baseline}'s.
 *
 * <p>The same real setups as {@link WriterBound}: asynchronous writers to files in a temporary
 * directory. {@code wovenChild} is the woven call inside an open action (a child action), the
 * others start a new task per call. {@code wovenMdc} and {@code wovenChildMdc} are the same calls
 * with the SLF4J MDC bridge on (the task uuid and level in logback's MDC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class CallerBound {

    /** Blackhole.consumeCPU tokens spent before each call. */
    @Param("2000")
    public int pace;

    private int a = 17;
    private String b = "checkout";

    @Benchmark
    public String baseline(FileStates.Baseline state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String woven(FileStates.Woven state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String wovenChild(FileStates.Woven state, FileStates.OpenParent parent) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    /** {@link #woven} with the SLF4J MDC following the context ({@code EliotMdc}, logback's MDC). */
    @Benchmark
    public String wovenMdc(FileStates.Woven state, FileStates.MdcOn mdc) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    /** {@link #wovenChild} with the SLF4J MDC following the context. */
    @Benchmark
    public String wovenChildMdc(FileStates.Woven state, FileStates.OpenParent parent, FileStates.MdcOn mdc) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    /** {@link #woven} with a trace source registered, as the Spring Boot starter does with a tracer. */
    @Benchmark
    public String wovenTraced(FileStates.Woven state, TraceSource trace) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    /** {@link #wovenChild} with a trace source registered. */
    @Benchmark
    public String wovenChildTraced(FileStates.Woven state, FileStates.OpenParent parent, TraceSource trace) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    /**
     * A {@code ContextFields} source standing in for a tracer with a span current: like the
     * starter's, it returns a new two-field map for every message.
     */
    @State(Scope.Benchmark)
    public static class TraceSource {
        private final String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        private final String spanId = "00f067aa0ba902b7";
        private final io.eliot.core.ContextFields source =
                () -> java.util.Map.of("trace_id", traceId, "span_id", spanId);

        @org.openjdk.jmh.annotations.Setup
        public void register() {
            io.eliot.core.Eliot.addContextFields(source);
        }

        @org.openjdk.jmh.annotations.TearDown
        public void unregister() {
            io.eliot.core.Eliot.removeContextFields(source);
        }
    }

    @Benchmark
    public String byhand(FileStates.ByHand state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String springaop(FileStates.SpringAop state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String logback(FileStates.Logback state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String log4j2(FileStates.Log4j2 state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }

    @Benchmark
    public String jcabi(FileStates.Jcabi state) {
        Blackhole.consumeCPU(pace);
        return state.call(a, b);
    }
}
