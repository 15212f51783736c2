package io.eliot.core.internal;

import io.eliot.core.MessageRecord;
import io.eliot.core.TaskLevel;
import io.eliot.core.destination.Destination;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The registry every message passes through: fans each message out to every destination. A
 * destination that throws is reported as {@code eliot:destination_failure} on the others; a failure
 * while reporting is counted, never thrown or recursed into.
 */
public final class Destinations {

    private static final Destinations GLOBAL = new Destinations();

    private final CopyOnWriteArrayList<Destination> destinations = new CopyOnWriteArrayList<>();
    private final LongAdder unreportedFailures = new LongAdder();

    /** The process-wide registry. */
    public static Destinations global() {
        return GLOBAL;
    }

    /** Adds a destination; it receives every message sent from now on. */
    public void add(Destination destination) {
        destinations.addIfAbsent(destination);
    }

    /** Removes a destination; it is not closed. Returns whether it was registered. */
    public boolean remove(Destination destination) {
        return destinations.remove(destination);
    }

    /** Sends {@code message} to every destination. Never throws. */
    public void send(MessageRecord message) {
        for (Destination destination : destinations) {
            try {
                destination.write(message);
            } catch (Throwable failure) {
                reportFailure(destination, message, failure);
            }
        }
    }

    /** Failures that could not be reported on any other destination (no other, or they failed too). */
    public long unreportedFailures() {
        return unreportedFailures.sum();
    }

    private void reportFailure(Destination failed, MessageRecord message, Throwable failure) {
        Map<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("exception", failure.getClass().getName());
        fields.put("reason", Throwables.reason(failure));
        fields.put("message", Throwables.safeToString(message.toMap()));
        MessageRecord report = MessageRecord.message(
                TaskUuids.next(), TaskLevel.of(1), Timestamps.nowMicros(), "eliot:destination_failure", fields);
        boolean reported = false;
        for (Destination other : destinations) {
            if (other == failed) {
                continue;
            }
            try {
                other.write(report);
                reported = true;
            } catch (Throwable ignored) {
                // Reporting a failure must not recurse; it is counted below when nobody took it.
            }
        }
        if (!reported) {
            unreportedFailures.increment();
        }
    }
}
