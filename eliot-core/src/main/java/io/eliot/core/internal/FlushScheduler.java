package io.eliot.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon thread that runs the periodic flushes of all destinations that ask for them. */
public final class FlushScheduler {

    private static final ScheduledThreadPoolExecutor SCHEDULER = create();

    private FlushScheduler() {}

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "eliot-flush");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Runs {@code flush} every {@code interval} until the returned future is cancelled. */
    public static ScheduledFuture<?> every(Duration interval, Runnable flush) {
        long nanos = interval.toNanos();
        return SCHEDULER.scheduleWithFixedDelay(flush, nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
