package io.eliot.core.destination;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link ManyMessagesTest}: logs {@code count} messages from {@code threads}
 * threads through an asynchronous file destination, closes it, and prints what it counted.
 */
public final class ManyMessagesChild {

    private ManyMessagesChild() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        AsyncDestination async = AsyncDestination.wrap(JsonFileDestination.builder(path)
                .flushPolicy(FlushPolicy.every(Duration.ofMillis(200)))
                .build());
        Eliot.addDestination(async);
        long each = count / threads;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread producer = new Thread(() -> {
                for (long n = 0; n < each; n++) {
                    Message.log("tick", "t", thread, "n", n);
                }
            });
            producer.start();
            producers.add(producer);
        }
        for (Thread p : producers) {
            p.join();
        }
        Eliot.removeDestination(async);
        async.close();
        System.out.println("written " + async.written() + " dropped " + async.dropped());
    }
}
