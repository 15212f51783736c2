package io.eliot.benchmarks.compare;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.slf4j.EliotMdc;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states of the comparison benchmarks: one per way of logging, each writing to a real file
 * in a temporary directory for the whole trial (warm-up included). At the end of the trial the file
 * must hold exactly the lines issued, or the benchmark fails.
 */
public final class FileStates {

    private FileStates() {}

    /** A way of logging for one trial, with the number of calls made through it. */
    public abstract static class FileState {
        private final LongAdder calls = new LongAdder();
        private final LongAdder extraLines = new LongAdder();
        private LogSetup setup;
        private Work work;

        abstract String name();

        @Setup(Level.Trial)
        public void start() {
            setup = LogSetup.start(name());
            work = setup.work();
        }

        /** One call of the work, counted. */
        public String call(int a, String b) {
            calls.increment();
            return work.work(a, b);
        }

        /** Notes lines logged besides the calls (a parent action's start). */
        void addExtraLines(long lines) {
            extraLines.add(lines);
        }

        @TearDown(Level.Trial)
        public void stopAndCheck() throws Exception {
            long expected = calls.sum() * setup.linesPerCall() + extraLines.sum();
            long lines = setup.closeAndCheck(expected);
            System.out.println();
            System.out.println("[" + name() + "] " + calls.sum() + " calls, " + lines + " lines in the file: every line"
                    + " accounted for");
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline extends FileState {
        @Override
        String name() {
            return LogSetup.BASELINE;
        }
    }

    @State(Scope.Benchmark)
    public static class Woven extends FileState {
        @Override
        String name() {
            return LogSetup.WOVEN;
        }
    }

    @State(Scope.Benchmark)
    public static class ByHand extends FileState {
        @Override
        String name() {
            return LogSetup.BYHAND;
        }
    }

    @State(Scope.Benchmark)
    public static class SpringAop extends FileState {
        @Override
        String name() {
            return LogSetup.SPRINGAOP;
        }
    }

    @State(Scope.Benchmark)
    public static class Logback extends FileState {
        @Override
        String name() {
            return LogSetup.LOGBACK;
        }
    }

    @State(Scope.Benchmark)
    public static class Log4j2 extends FileState {
        @Override
        String name() {
            return LogSetup.LOG4J2;
        }
    }

    @State(Scope.Benchmark)
    public static class Jcabi extends FileState {
        @Override
        String name() {
            return LogSetup.JCABI;
        }
    }

    /**
     * An action left open and current on the benchmark thread for the whole trial, so that the
     * woven calls made there are child actions, not new tasks. Its start is one extra line; it is
     * never finished.
     */
    @State(Scope.Thread)
    public static class OpenParent {
        Action parent;

        @Setup(Level.Trial)
        public void enter(Woven file) {
            parent = Eliot.startAction("bench:parent");
            file.addExtraLines(1);
            parent.context(); // stays current on this thread; the action is never finished
        }
    }

    /** The SLF4J MDC bridge installed for the whole trial ({@link EliotMdc}, logback's MDC). */
    @State(Scope.Benchmark)
    public static class MdcOn {
        @Setup(Level.Trial)
        public void install() {
            EliotMdc.install();
        }

        @TearDown(Level.Trial)
        public void uninstall() {
            EliotMdc.uninstall();
        }
    }
}
