package io.eliot.core.destination;

import io.eliot.core.MessageRecord;

/**
 * Receives every logged message. Add one with {@code Eliot.addDestination(...)}.
 *
 * <p>{@link #write} is called on the logging thread, possibly from many threads at once; an
 * implementation that does I/O or encodes JSON should be wrapped so the caller does neither. If it
 * throws, the exception never reaches the application: it becomes an {@code eliot:destination_failure}
 * message on the other destinations.
 */
@FunctionalInterface
public interface Destination extends AutoCloseable {

    /** Takes one message. Must be safe to call from several threads at once. */
    void write(MessageRecord message) throws Exception;

    /**
     * Whether this destination reports the outcome of each message itself, because {@link #write}
     * only hands it on (to a queue, a network client) and delivery succeeds or fails later. Such a
     * destination calls {@code Eliot.reportDelivered(this)} and {@code
     * Eliot.reportDeliveryFailure(this, message, failure)} when it knows; for the others, a {@link
     * #write} that returns is a delivery and one that throws a failure. The default is {@code false}.
     */
    default boolean reportsDelivery() {
        return false;
    }

    /** Pushes out anything buffered. The default does nothing. */
    default void flush() throws Exception {}

    /** Flushes and releases resources; no {@link #write} follows. The default flushes. */
    @Override
    default void close() throws Exception {
        flush();
    }
}
