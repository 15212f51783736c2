package io.eliot.core.destination;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.io.IOException;
import java.util.Map;

/**
 * A JVM that never logs through Eliot: an asynchronous destination is written to directly and its
 * wrapped destination fails, so the failure is reported before the registry was ever loaded.
 */
public final class ReportWithoutRegistryChild {

    public static void main(String[] args) throws Exception {
        Destination failing = message -> {
            throw new IOException("disk full");
        };
        AsyncDestination queue = AsyncDestination.wrap(failing);
        queue.write(MessageRecord.message("child-task", TaskLevel.of(1), 0, "child:written", Map.of("n", 1)));
        queue.close();
        System.out.println("done");
    }
}
