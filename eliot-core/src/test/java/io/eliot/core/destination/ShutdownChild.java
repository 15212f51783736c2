package io.eliot.core.destination;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.record.MessageRecord;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a child JVM by {@link ShutdownFlushTest} and {@link SlowAndStuckDestinationTest}; the first
 * argument says how it logs into the file named by the second:
 *
 * <ul>
 *   <li>{@code async-hourly}: numbered messages as fast as it can into an asynchronous file
 *       destination that would only flush once an hour: 100,001 at full speed, then it says so on
 *       stdout and goes on logging one message a millisecond until the process is stopped;
 *   <li>{@code sync <flush millis>}: numbered messages into a synchronous file destination (flushing
 *       every message when the interval is 0, else every interval, with a buffer too large to fill),
 *       writing each number to stdout once {@code Message.log} has returned, until it is killed;
 *   <li>{@code stuck-at-exit}: three messages into an asynchronous destination whose writer never
 *       returns, with a close timeout of 300 ms, then returns from {@code main}: Eliot's shutdown
 *       hook's close times out with two messages queued.
 * </ul>
 */
public final class ShutdownChild {

    private ShutdownChild() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[1]);
        switch (args[0]) {
            case "async-hourly" -> asyncHourly(log);
            case "sync" -> sync(log, Long.parseLong(args[2]));
            case "stuck-at-exit" -> stuckAtExit();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void asyncHourly(Path log) {
        JsonFileDestination file = JsonFileDestination.builder(log)
                .flushPolicy(FlushPolicy.every(Duration.ofHours(1)))
                .build();
        Eliot.addDestination(AsyncDestination.wrap(file, 1_024, AsyncDestination.OverflowPolicy.BLOCK));
        long n = 0;
        for (; n <= 100_000; n++) {
            Message.log("tick", "n", n);
        }
        System.out.println("logged " + (n - 1));
        System.out.flush();
        while (true) {
            Message.log("tick", "n", n++);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sync(Path log, long flushMillis) throws Exception {
        JsonFileDestination.Builder file = JsonFileDestination.builder(log);
        if (flushMillis > 0) {
            file.flushPolicy(FlushPolicy.every(Duration.ofMillis(flushMillis))).bufferSize(8 << 20);
        }
        Eliot.addDestination(file.build());
        OutputStream accepted = new FileOutputStream(FileDescriptor.out); // unbuffered: one write per report
        for (long n = 0; ; n++) {
            Message.log("tick", "n", n);
            accepted.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
            if (flushMillis > 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            }
        }
    }

    private static void stuckAtExit() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Destination stuck = new Destination() {
            @Override
            public void write(MessageRecord message) throws InterruptedException {
                entered.countDown();
                new CountDownLatch(1).await(); // never returns
            }

            @Override
            public String toString() {
                return "NeverReturns";
            }
        };
        Eliot.addDestination(AsyncDestination.builder(stuck)
                .closeTimeout(Duration.ofMillis(300))
                .build());
        Message.log("tick", "n", 1);
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the writer never took the first message");
        }
        Message.log("tick", "n", 2);
        Message.log("tick", "n", 3);
    }
}
