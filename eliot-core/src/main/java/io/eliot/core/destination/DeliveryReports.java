package io.eliot.core.destination;

import io.eliot.core.internal.DeliveryHook;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Throwables;
import io.eliot.core.internal.Timestamps;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.Map;

/**
 * Hands destinations' delivery reports to the registry. Before the registry is loaded (nothing was
 * ever logged through Eliot, only written to a destination directly) a failure goes to standard
 * error with its message, so it is not lost silently.
 */
final class DeliveryReports {

    private DeliveryReports() {}

    static void delivered(Destination destination) {
        DeliveryHook.Reporter registry = DeliveryHook.reporter();
        if (registry != null) {
            registry.delivered(destination);
        }
    }

    static void failed(Destination destination, MessageRecord message, Throwable failure) {
        DeliveryHook.Reporter registry = DeliveryHook.reporter();
        if (registry != null) {
            registry.failed(destination, message, failure);
            return;
        }
        try {
            System.err.println("eliot: " + Throwables.describe(destination) + " failed to deliver a message ("
                    + failure.getClass().getName() + ": " + Throwables.reason(failure) + "): "
                    + Throwables.safeToString(message));
        } catch (Throwable ignored) {
            // standard error itself failed
        }
    }

    /** One of Eliot's own messages, as a task of its own, with the global fields. */
    static MessageRecord ownMessage(String messageType, Map<String, ?> fields) {
        DeliveryHook.Reporter registry = DeliveryHook.reporter();
        if (registry != null) {
            return (MessageRecord) registry.ownMessage(messageType, fields);
        }
        return MessageRecord.message(
                TaskUuids.next(), TaskLevel.ROOT.child(), Timestamps.nowMicros(), messageType, fields);
    }
}
