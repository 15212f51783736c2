package io.eliot.benchmarks;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The writer's share of one logged call: encoding its two lines (started with two fields,
 * succeeded with the result) into the encoder's buffer, handed to a sink that only looks at the
 * length. What an asynchronous writer spends per call before any I/O.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EncoderBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EncoderBenchmark {

    private static final String TASK = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";

    private final JsonLineEncoder encoder = new JsonLineEncoder();
    private final MessageRecord started = MessageRecord.action(
            TASK, TaskLevel.of(1), 1_509_136_967_206_684L, "bench:work", ActionStatus.STARTED, Map.of("a", 17));
    private final MessageRecord succeeded = MessageRecord.action(
            TASK,
            TaskLevel.of(2),
            1_509_136_967_206_690L,
            "bench:work",
            ActionStatus.SUCCEEDED,
            Map.of("result", "checkout17"));

    @Benchmark
    public void actionLines(Blackhole hole) throws Exception {
        encoder.encode(started, (bytes, length) -> hole.consume(length));
        encoder.encode(succeeded, (bytes, length) -> hole.consume(length));
    }
}
