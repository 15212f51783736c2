package io.eliot.benchmarks.compare;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sustained lines per second to a file: {@code threads} callers log as fast as they can for {@code
 * seconds}, then the setup drains and closes; the lines are counted in the file and must equal the
 * lines issued. The rate is lines counted / time from the first call until the file is closed: a
 * fresh JVM's rate, JIT warm-up and the final drain included (JMH's {@code WriterBound} gives the
 * warmed-up rate).
 *
 * <p>Also prints the CPU time the process used per line, which other load on the machine changes
 * less than the rate.
 *
 * <p>{@code java -cp benchmarks.jar io.eliot.benchmarks.compare.Sustained <setup> <threads>
 * <seconds>} prints one JSON object; exits with 1 when a line was lost.
 */
public final class Sustained {

    /** Keeps the results alive, so the calls are not optimized away. */
    static volatile String lastResult;

    private Sustained() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Sustained <woven|byhand|springaop|logback|log4j2|jcabi> <threads> <seconds>");
            System.exit(2);
        }
        String name = args[0];
        int threads = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);

        LogSetup setup = LogSetup.start(name);
        long cpuStart = processCpuNanos();
        Work work = setup.work();
        AtomicBoolean stop = new AtomicBoolean();
        long[] calls = new long[threads];
        List<Thread> callers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread caller = new Thread(
                    () -> {
                        long n = 0;
                        String sink = null;
                        while (!stop.get()) {
                            sink = work.work(17, "checkout");
                            n++;
                        }
                        calls[index] = n;
                        lastResult = sink;
                    },
                    "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread caller : callers) {
            caller.join();
        }
        long issued = 0;
        for (long n : calls) {
            issued += n;
        }
        long expected = issued * setup.linesPerCall();
        long lines;
        try {
            lines = setup.closeAndCheck(expected);
        } catch (IllegalStateException lost) {
            System.err.println(lost.getMessage());
            System.exit(1);
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuPerLine = (processCpuNanos() - cpuStart) / (double) Math.max(1, lines);
        System.out.printf(
                Locale.ROOT,
                "{\"setup\":\"%s\",\"threads\":%d,\"seconds\":%.3f,\"calls\":%d,\"lines\":%d,"
                        + "\"linesPerSecond\":%.0f,\"cpuNanosPerLine\":%.0f}%n",
                name,
                threads,
                elapsed,
                issued,
                lines,
                lines / elapsed,
                cpuPerLine);
    }

    /**
     * CPU time used by the whole process (callers, writer, GC, JIT): a cost per line that other
     * load on the machine changes less than it changes the rate.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
