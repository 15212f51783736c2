package io.eliot.benchmarks.compare;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writer-bound regime: callers log as fast as they can, so every queue is full and a call takes as
 * long as the background writer needs to encode and write its two lines: the end-to-end rate (lines
 * per second = 2 / score). {@code *_2threads}: two producer threads on one writer; the score is per
 * call of each thread, so the rate is 2 × 2 / score. At the end of each trial the file must hold
 * exactly the lines issued.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WriterBound {

    private int a = 17;
    private String b = "checkout";

    @Benchmark
    public String woven(FileStates.Woven state) {
        return state.call(a, b);
    }

    @Benchmark
    @Threads(2)
    public String woven_2threads(FileStates.Woven state) {
        return state.call(a, b);
    }

    @Benchmark
    public String byhand(FileStates.ByHand state) {
        return state.call(a, b);
    }

    @Benchmark
    public String springaop(FileStates.SpringAop state) {
        return state.call(a, b);
    }

    @Benchmark
    public String logback(FileStates.Logback state) {
        return state.call(a, b);
    }

    @Benchmark
    @Threads(2)
    public String logback_2threads(FileStates.Logback state) {
        return state.call(a, b);
    }

    @Benchmark
    public String log4j2(FileStates.Log4j2 state) {
        return state.call(a, b);
    }

    @Benchmark
    @Threads(2)
    public String log4j2_2threads(FileStates.Log4j2 state) {
        return state.call(a, b);
    }

    @Benchmark
    public String jcabi(FileStates.Jcabi state) {
        return state.call(a, b);
    }
}
