package io.eliot.benchmarks.compare;

import io.eliot.core.Eliot;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.FlushPolicy;
import io.eliot.core.destination.JsonFileDestination;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Eliot as a user sets it up for production: a JSON-lines file flushed every second behind an
 * {@link AsyncDestination} (blocking when full, so nothing is dropped).
 */
class EliotSetup extends LogSetup {

    private final Work work;
    private final AsyncDestination destination;

    EliotSetup(Path dir, Work work) {
        super(dir);
        this.work = work;
        this.destination = AsyncDestination.wrap(
                JsonFileDestination.builder(file())
                        .flushPolicy(FlushPolicy.every(Duration.ofSeconds(1)))
                        .bufferSize(FILE_BUFFER)
                        .build(),
                QUEUE_CAPACITY,
                AsyncDestination.OverflowPolicy.BLOCK);
        Eliot.addDestination(destination);
    }

    static EliotSetup start(Path dir, Work work) {
        return new EliotSetup(dir, work);
    }

    @Override
    public Work work() {
        return work;
    }

    /** The asynchronous destination, to see how full its queue is. */
    AsyncDestination destination() {
        return destination;
    }

    @Override
    protected void stop() throws Exception {
        Eliot.removeDestination(destination);
        destination.close();
        if (destination.dropped() > 0 || destination.refused() > 0) {
            throw new IllegalStateException(
                    "Eliot dropped " + destination.dropped() + " and refused " + destination.refused() + " messages");
        }
    }
}
