package io.eliot.core.internal;

import java.util.Map;

/**
 * Where destinations' delivery reports go: the destinations registry installs itself here when it is
 * loaded (it sits above the destinations, which cannot name it). Typed loosely because this package
 * is below the classes it carries ({@code Destination}, {@code MessageRecord}); the public, typed
 * entry points are {@code Destination.reportDelivered} and {@code Destination.reportDeliveryFailure}.
 */
public final class DeliveryHook {

    /** What the registry does with reports. */
    public interface Reporter {
        /** {@code destination} delivered a message. */
        void delivered(Object destination);

        /** {@code destination} failed to deliver {@code message}. */
        void failed(Object destination, Object message, Throwable failure);

        /** One of Eliot's own messages (a task of its own, with the global fields). */
        Object ownMessage(String messageType, Map<String, ?> fields);
    }

    private static volatile Reporter reporter;

    private DeliveryHook() {}

    /** Called once, by the registry, when it is loaded. */
    public static void install(Reporter registry) {
        reporter = registry;
    }

    /**
     * The registry, or {@code null} when it was never loaded: then no message was ever logged through
     * Eliot and the caller reports on standard error.
     */
    public static Reporter reporter() {
        return reporter;
    }
}
