package io.eliot.core.destination;

/**
 * What Eliot could not deliver, since the JVM started; see {@code Eliot.deliveryCounters()}.
 * Per-destination counts (e.g. {@link AsyncDestination#dropped()}) are kept by the destinations.
 *
 * @param droppedBeforeFirstDestination oldest messages dropped because more than 1,000 were logged
 *     before the first destination was added (reported as {@code eliot:messages_dropped})
 * @param droppedWithoutDestination messages logged while no destination was registered, after one
 *     had been
 * @param unreportedFailures destination failures that no other destination could be told of
 */
public record DeliveryCounters(
        long droppedBeforeFirstDestination, long droppedWithoutDestination, long unreportedFailures) {}
