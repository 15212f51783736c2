package io.eliot.benchmarks;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code @LoggedAction} costs beyond the core API, into a no-op destination: the same method
 * (two arguments, returns a value) un-instrumented, woven at compile time (this module is woven
 * with eliot-aspects), and written by hand with {@code Eliot.startAction(...).call(...)} logging the
 * same fields.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AnnotationBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AnnotationBenchmark {

    /** The method under measurement, once plain and once annotated. */
    public static class Service {
        public String work(int a, String b) {
            return b + a;
        }

        @LoggedAction("bench:work")
        public String workLogged(int a, String b) {
            return b + a;
        }
    }

    private final Service service = new Service();
    private final Destination noop = message -> {};
    private int a = 17;
    private String b = "checkout";

    @Setup(Level.Trial)
    public void install() {
        Eliot.addDestination(noop);
    }

    @TearDown(Level.Trial)
    public void uninstall() {
        Eliot.removeDestination(noop);
    }

    @Benchmark
    public String uninstrumented() {
        return service.work(a, b);
    }

    @Benchmark
    public String annotated() {
        return service.workLogged(a, b);
    }

    @Benchmark
    public String handWritten() {
        int x = a;
        String y = b;
        Action action = Eliot.startAction("bench:work", "a", x, "b", y);
        return action.call(() -> {
            String result = service.work(x, y);
            action.addSuccessField("result", result);
            return result;
        });
    }
}
