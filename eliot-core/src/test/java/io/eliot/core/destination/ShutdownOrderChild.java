package io.eliot.core.destination;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.record.MessageRecord;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link ShutdownOrderTest} in a child JVM: a plain Java application with a shutdown hook of
 * its own that logs, writing into an asynchronous file. Arguments: the file, then the mode.
 *
 * <ul>
 *   <li>{@code closes-last}: the application turns Eliot's hook off, and its own hook logs {@value
 *       #HOOK_MESSAGES} messages, then closes Eliot's destinations.
 *   <li>{@code late}: Eliot's hook stays on; the application's hook waits until Eliot has closed
 *       its destinations, logs {@value #LATE_MESSAGES} messages, then prints how many messages had
 *       no destination.
 * </ul>
 *
 * Logs {@value #MAIN_MESSAGES} messages, prints {@code ready}, and waits for the signal.
 */
public final class ShutdownOrderChild {

    static final int MAIN_MESSAGES = 1_000;
    static final int HOOK_MESSAGES = 20_000;
    static final int LATE_MESSAGES = 100;

    private ShutdownOrderChild() {}

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch eliotClosed = new CountDownLatch(1);
        Eliot.addDestination(AsyncDestination.wrap(JsonFileDestination.open(Path.of(args[0]))));
        Eliot.addDestination(new Destination() {
            @Override
            public void write(MessageRecord message) {}

            @Override
            public void close() {
                eliotClosed.countDown(); // closed after the file, which was added first
            }
        });
        Thread hook;
        switch (args[1]) {
            case "closes-last" -> {
                Eliot.closeDestinationsAtShutdown(false);
                hook = new Thread(() -> {
                    for (int n = 0; n < HOOK_MESSAGES; n++) {
                        Message.log("hook", "n", n);
                    }
                    Eliot.closeDestinations();
                });
            }
            case "late" ->
                hook = new Thread(() -> {
                    try {
                        if (!eliotClosed.await(30, TimeUnit.SECONDS)) {
                            System.out.println("Eliot's hook did not close the destinations");
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int n = 0; n < LATE_MESSAGES; n++) {
                        Message.log("late", "n", n);
                    }
                    System.out.println(
                            "without destination " + Eliot.deliveryCounters().droppedWithoutDestination());
                    System.out.flush();
                });
            default -> throw new IllegalArgumentException(args[1]);
        }
        Runtime.getRuntime().addShutdownHook(hook);
        for (int n = 0; n < MAIN_MESSAGES; n++) {
            Message.log("main", "n", n);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join(); // until the signal
    }
}
