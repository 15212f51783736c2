package io.eliot.core.destination;

import io.eliot.core.record.MessageRecord;

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
     * destination calls {@link #reportDelivered(Destination) Destination.reportDelivered(this)} and
     * {@link #reportDeliveryFailure Destination.reportDeliveryFailure(this, message, failure)} when it
     * knows; for the others, a {@link #write} that returns is a delivery and one that throws a
     * failure. The default is {@code false}.
     */
    default boolean reportsDelivery() {
        return false;
    }

    /**
     * The destination this one hands every message to, for a destination that wraps another (a
     * queue in front of it, a filter): Eliot then reports a failure of the wrapped destination on
     * the other destinations only, never back into the wrapper that feeds it. The default is {@code
     * null}: this destination wraps none.
     */
    default Destination wrapped() {
        return null;
    }

    /**
     * Reports that {@code destination} failed to deliver {@code message}: the one way for every
     * destination whose {@link #reportsDelivery()} is true (delivery fails after {@code write}
     * returned, e.g. in a queue's writer thread or a network client's callback). The first failure
     * of a run is written as {@code eliot:destination_failure} to the other destinations, the rest
     * are counted ({@code Eliot.deliveryCounters().destinationFailures()}) until {@link
     * #reportDelivered} ends the run. Safe from any thread; never throws.
     */
    static void reportDeliveryFailure(Destination destination, MessageRecord message, Throwable failure) {
        DeliveryReports.failed(destination, message, failure);
    }

    /**
     * Reports that {@code destination} delivered a message: if it was failing, an {@code
     * eliot:destination_recovered} message (with {@code failed_messages}) goes to every destination.
     * Cheap when nothing is failing; safe from any thread; never throws.
     */
    static void reportDelivered(Destination destination) {
        DeliveryReports.delivered(destination);
    }

    /** Pushes out anything buffered. The default does nothing. */
    default void flush() throws Exception {}

    /** Flushes and releases resources; no {@link #write} follows. The default flushes. */
    @Override
    default void close() throws Exception {
        flush();
    }
}
