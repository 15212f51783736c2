package io.eliot.core.destination;

/**
 * What Eliot logged and could not deliver, since the JVM started; see {@code Eliot.deliveryCounters()}.
 * Per-destination counts (e.g. {@link AsyncDestination#dropped()}) are kept by the destinations.
 *
 * @param logged messages logged so far, whatever became of them
 * @param destinationFailures times a destination failed to write a message (reported as {@code
 *     eliot:destination_failure})
 * @param droppedBeforeFirstDestination oldest messages dropped because more than 1,000 were logged
 *     before the first destination was added (reported as {@code eliot:messages_dropped})
 * @param droppedWithoutDestination messages that had no destination once one had been added: logged
 *     after every destination was closed ({@code Eliot.closeDestinations()}, JVM shutdown) or removed,
 *     or refused by a destination closed or removed while they were on their way; each is written to
 *     standard error instead
 * @param unreportedFailures destination failures that no other destination could be told of
 * @param droppedWhileWriting messages logged by a thread while it was writing a message (a
 *     destination that logs, a getter Jackson called while encoding), which would have recursed
 */
public record DeliveryCounters(
        long logged,
        long destinationFailures,
        long droppedBeforeFirstDestination,
        long droppedWithoutDestination,
        long unreportedFailures,
        long droppedWhileWriting) {}
