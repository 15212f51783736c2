package io.eliot.core.destination;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run by {@link ShutdownFlushTest} in a child JVM: logs numbered messages as fast as it can into an
 * asynchronous file destination that would only flush once an hour: 100,001 at full speed, then it
 * says so on stdout and goes on logging one message a millisecond until the process is stopped.
 */
public final class ShutdownChild {

    private ShutdownChild() {}

    public static void main(String[] args) {
        JsonFileDestination file = JsonFileDestination.builder(Path.of(args[0]))
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
}
