package io.eliot.core.internal.registry;

import io.eliot.core.destination.Destination;
import io.eliot.core.internal.DeliveryHook;
import io.eliot.core.internal.RedactedText;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Throwables;
import io.eliot.core.internal.Timestamps;
import io.eliot.core.internal.WritingThreads;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The registry every message passes through. It fans each message out to every destination; keeps
 * up to {@value #BUFFER_LIMIT} messages until the first destination is ever added and replays them
 * to it; holds the global fields; reports a destination that throws as {@code
 * eliot:destination_failure} on the others; and at JVM shutdown closes every destination, so
 * asynchronous ones drain (unless the application closes them itself, see {@link
 * #closeAtShutdown(boolean)}). A message with nowhere to go once a destination had been added (all
 * were closed or removed, or the one it was handed to was closed meanwhile) is written to standard
 * error and counted. Nothing here throws into the caller.
 */
public final class Destinations implements DeliveryHook.Reporter {

    /** Messages kept before the first destination is added; older ones are dropped and counted. */
    public static final int BUFFER_LIMIT = 1_000;

    /** Set to {@code false} to keep Eliot from closing destinations at JVM shutdown. */
    public static final String SHUTDOWN_HOOK_PROPERTY = "eliot.shutdownHook";

    /** The line written to standard error before the first message that has no destination. */
    static final String NO_DESTINATION_NOTICE = "eliot: no destination is open (closed or removed); messages logged"
            + " now are written here, to standard error, and counted in"
            + " Eliot.deliveryCounters().droppedWithoutDestination()";

    private static final Destinations GLOBAL = new Destinations(true);

    static {
        DeliveryHook.install(GLOBAL);
    }

    /** Replaced, never changed in place (under {@link #lock}): sending reads it without a lock or an iterator. */
    private volatile Destination[] destinations = new Destination[0];

    private final Object lock = new Object();
    private final ArrayDeque<MessageRecord> buffer = new ArrayDeque<>(); // guarded by lock
    private volatile boolean anyAdded;
    private volatile Map<String, Object> globalFields = Map.of();
    private final boolean installShutdownHook;
    private boolean shutdownHookInstalled; // guarded by lock
    private volatile boolean closeAtShutdown = !"false".equalsIgnoreCase(System.getProperty(SHUTDOWN_HOOK_PROPERTY));
    /** Where messages with no destination go; {@code null}: {@code System.err} at the time. */
    private final PrintStream noDestinationStream;
    /** Whether {@link #NO_DESTINATION_NOTICE} was written since a destination was last added. */
    private final AtomicBoolean noticeWritten = new AtomicBoolean();

    private volatile JsonLineEncoder noDestinationEncoder;

    private final LongAdder droppedFromBuffer = new LongAdder();
    private final LongAdder droppedWithoutDestination = new LongAdder();
    private final LongAdder unreportedFailures = new LongAdder();
    private final LongAdder droppedWhileWriting = new LongAdder();
    private final LongAdder logged = new LongAdder();
    private final LongAdder destinationFailures = new LongAdder();
    private final Map<Destination, Episode> episodes = new java.util.concurrent.ConcurrentHashMap<>();

    Destinations(boolean installShutdownHook) {
        this(installShutdownHook, null);
    }

    Destinations(boolean installShutdownHook, PrintStream noDestinationStream) {
        this.installShutdownHook = installShutdownHook;
        this.noDestinationStream = noDestinationStream;
    }

    /** The process-wide registry. */
    public static Destinations global() {
        return GLOBAL;
    }

    /**
     * Adds a destination; it receives every message sent from now on. The first destination ever
     * added also receives the messages buffered until then, then an {@code eliot:messages_dropped}
     * message if the buffer overflowed.
     */
    public void add(Destination destination) {
        synchronized (lock) {
            for (Destination d : destinations) {
                if (d == destination) {
                    return;
                }
            }
            Destination[] next = java.util.Arrays.copyOf(destinations, destinations.length + 1);
            next[next.length - 1] = destination;
            destinations = next;
            noticeWritten.set(false);
            if (installShutdownHook && !shutdownHookInstalled) {
                shutdownHookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::closeAtJvmShutdown, "eliot-shutdown"));
            }
            if (anyAdded) {
                return;
            }
            anyAdded = true;
            List<MessageRecord> replay = new ArrayList<>(buffer);
            buffer.clear();
            long dropped = droppedFromBuffer.sum();
            for (MessageRecord message : replay) {
                deliver(destination, message);
            }
            if (dropped > 0) {
                deliver(
                        destination,
                        ownMessage(
                                "eliot:messages_dropped",
                                Map.of(
                                        "count",
                                        dropped,
                                        "reason",
                                        "more than " + BUFFER_LIMIT
                                                + " messages were logged before the first destination was added")));
            }
        }
    }

    /** Removes a destination; it is not closed. Returns whether it was registered. */
    public boolean remove(Destination destination) {
        episodes.remove(destination);
        synchronized (lock) {
            Destination[] current = destinations;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == destination) {
                    Destination[] next = new Destination[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    destinations = next;
                    return true;
                }
            }
            return false;
        }
    }

    /** The destinations registered now. */
    public List<Destination> destinations() {
        return List.of(destinations);
    }

    /**
     * Sends {@code message} to every destination. Never throws. A message logged by a thread that
     * is itself writing a message (a destination that logs, a getter Jackson calls while encoding)
     * would recurse: it is dropped and counted instead.
     */
    public void send(MessageRecord message) {
        int[] depth = WritingThreads.depth();
        if (depth[0] > 0) {
            droppedWhileWriting.increment();
            return;
        }
        depth[0]++;
        logged.increment();
        try {
            Destination[] current = destinations;
            if (current.length == 0) {
                if (keptWithoutDestination(message)) {
                    return;
                }
                current = destinations; // one was added meanwhile
            }
            for (Destination destination : current) {
                deliver(destination, message);
            }
        } finally {
            depth[0]--;
        }
    }

    /** Messages dropped because a thread logged while it was writing a message. */
    public long droppedWhileWriting() {
        return droppedWhileWriting.sum();
    }

    private boolean keptWithoutDestination(MessageRecord message) {
        synchronized (lock) {
            if (destinations.length != 0) {
                return false;
            }
            if (!anyAdded) {
                if (buffer.size() == BUFFER_LIMIT) {
                    buffer.removeFirst();
                    droppedFromBuffer.increment();
                }
                buffer.addLast(message);
                return true;
            }
        }
        writeWithoutDestination(message); // outside the lock: standard error may be slow
        return true;
    }

    private void deliver(Destination destination, MessageRecord message) {
        try {
            destination.write(message);
        } catch (Throwable failure) {
            if (!isRegistered(destination)) {
                // Closed or removed while this message was on its way to it: it has nowhere to go.
                writeWithoutDestination(message);
                return;
            }
            reportFailure(destination, message, failure);
            return;
        }
        if (!destination.reportsDelivery()) {
            // Otherwise it only handed the message on (e.g. queued it) and reports the outcome later.
            reportDelivered(destination);
        }
    }

    private boolean isRegistered(Destination destination) {
        for (Destination d : destinations) {
            if (d == destination) {
                return true;
            }
        }
        return false;
    }

    /**
     * A message logged when no destination is open, after one had been: counted, and written to
     * standard error (after one line saying why) so that it is not lost silently. Never throws.
     */
    private void writeWithoutDestination(MessageRecord message) {
        droppedWithoutDestination.increment();
        try {
            JsonLineEncoder encoder = noDestinationEncoder;
            if (encoder == null) {
                encoder = new JsonLineEncoder();
                noDestinationEncoder = encoder;
            }
            byte[] line = encoder.encode(message);
            PrintStream out = noDestinationStream != null ? noDestinationStream : System.err;
            synchronized (out) {
                if (noticeWritten.compareAndSet(false, true)) {
                    out.println(NO_DESTINATION_NOTICE);
                }
                out.write(line, 0, line.length);
                out.flush();
            }
        } catch (Throwable ignored) {
            // still counted; standard error itself failed
        }
    }

    /**
     * Reports that {@code failed} could not write {@code message}. The first failure of an episode
     * (a run of failures of one destination) is written as {@code eliot:destination_failure} to
     * every other destination; the following ones are counted, and reported with the episode's end
     * by {@link #reportDelivered}. Used by destinations that fail away from the caller's thread
     * too. Never throws, never recurses.
     */
    public void reportFailure(Destination failed, MessageRecord message, Throwable failure) {
        destinationFailures.increment();
        Episode episode = episodes.get(failed);
        if (episode != null) {
            episode.failures.incrementAndGet();
            return;
        }
        if (episodes.putIfAbsent(failed, new Episode()) != null) {
            episodes.get(failed).failures.incrementAndGet();
            return;
        }
        Map<String, Object> fields = failureFields(failed, failure);
        RedactedText text = RedactedText.of(message.toMap());
        fields.put("reason", text.scrub((String) fields.get("reason")));
        fields.put("message", text.text());
        reportToOthers(failed, ownMessage("eliot:destination_failure", fields));
    }

    /** The fields of an {@code eliot:destination_failure} report, in a map open to one more. */
    private static Map<String, Object> failureFields(Destination failed, Throwable failure) {
        Map<String, Object> fields = new LinkedHashMap<>(5);
        fields.put("exception", failure.getClass().getName());
        fields.put("reason", Throwables.reason(failure));
        fields.put("destination", Throwables.describe(failed));
        return fields;
    }

    /**
     * Notes that {@code destination} wrote a message: if it was failing, its episode ends with an
     * {@code eliot:destination_recovered} message (with {@code failed_messages}, the episode's count)
     * on every destination. Cheap when nothing is failing.
     */
    public void reportDelivered(Destination destination) {
        if (episodes.isEmpty()) {
            return;
        }
        Episode ended = episodes.remove(destination);
        if (ended != null) {
            Map<String, Object> fields = new LinkedHashMap<>(4);
            fields.put("destination", Throwables.describe(destination));
            fields.put("failed_messages", ended.failures.get());
            reportToOthers(null, ownMessage("eliot:destination_recovered", fields));
        }
    }

    /** Writes one of Eliot's reports to every destination but {@code except}; never recurses. */
    private void reportToOthers(Destination except, MessageRecord report) {
        if (!offer(destinations, 0, except, report)) {
            unreportedFailures.increment();
        }
    }

    /**
     * Writes {@code report} to {@code targets[from..]} but {@code except} (and the queue in front of
     * it); whether any took it. Reporting a failure must not recurse, so their failures are ignored.
     */
    private static boolean offer(Destination[] targets, int from, Destination except, MessageRecord report) {
        boolean reported = false;
        for (int i = from; i < targets.length; i++) {
            Destination other = targets[i];
            if (other == except || wraps(other, except)) {
                continue; // the failing destination, or the queue (or other wrapper) in front of it
            }
            try {
                other.write(report);
                reported = true;
            } catch (Throwable ignored) {
                // counted by the caller when nobody took it
            }
        }
        return reported;
    }

    /** Whether {@code wrapper} hands its messages on to {@code target}, directly or through others. */
    private static boolean wraps(Destination wrapper, Destination target) {
        if (target == null) {
            return false;
        }
        Destination inner = wrapper;
        for (int depth = 0; depth < 16; depth++) { // bounded: a wrapper chain could loop
            try {
                inner = inner.wrapped();
            } catch (Throwable broken) {
                return false;
            }
            if (inner == null) {
                return false;
            }
            if (inner == target) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void delivered(Object destination) {
        reportDelivered((Destination) destination);
    }

    @Override
    public void failed(Object destination, Object message, Throwable failure) {
        reportFailure((Destination) destination, (MessageRecord) message, failure);
    }

    /** A run of failures of one destination. */
    private static final class Episode {
        final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong(1);
    }

    /** One of Eliot's own messages, as a task of its own, with the global fields. */
    @Override
    public MessageRecord ownMessage(String messageType, Map<String, ?> fields) {
        return MessageRecord.message(
                        TaskUuids.next(), TaskLevel.ROOT.child(), Timestamps.nowMicros(), messageType, fields)
                .withGlobalFields(globalFields);
    }

    /** The global fields, an immutable map; read on every message. */
    public Map<String, Object> globalFields() {
        return globalFields;
    }

    /** Adds or replaces global fields. */
    public void addGlobalFields(Map<String, Object> fields) {
        synchronized (lock) {
            Map<String, Object> next = new LinkedHashMap<>(globalFields);
            next.putAll(fields);
            globalFields = Collections.unmodifiableMap(next);
        }
    }

    /** Removes global fields by name. */
    public void removeGlobalFields(Collection<String> names) {
        synchronized (lock) {
            Map<String, Object> next = new LinkedHashMap<>(globalFields);
            next.keySet().removeAll(names);
            globalFields = Collections.unmodifiableMap(next);
        }
    }

    /** Messages dropped because more than {@value #BUFFER_LIMIT} came before the first destination. */
    public long droppedFromBuffer() {
        return droppedFromBuffer.sum();
    }

    /** Messages logged while no destination was registered, after the first one had been removed. */
    public long droppedWithoutDestination() {
        return droppedWithoutDestination.sum();
    }

    /** Messages logged (sent to this registry), whatever became of them. */
    public long logged() {
        return logged.sum();
    }

    /** Times a destination failed to write a message. */
    public long destinationFailures() {
        return destinationFailures.sum();
    }

    /** Destination failures no other destination could be told of. */
    public long unreportedFailures() {
        return unreportedFailures.sum();
    }

    /**
     * Whether the JVM shutdown hook closes the destinations ({@code true} unless the system property
     * {@value #SHUTDOWN_HOOK_PROPERTY} is {@code false}). An application that closes them itself, at
     * the end of its own shutdown, sets {@code false}.
     */
    public void closeAtShutdown(boolean close) {
        closeAtShutdown = close;
    }

    private void closeAtJvmShutdown() {
        if (closeAtShutdown) {
            closeAll();
        }
    }

    /**
     * Removes every destination and closes each in the order added (asynchronous ones drain first).
     * Messages logged from then on, until a destination is added, are written to standard error and
     * counted. A destination that fails to close (say, an asynchronous one whose writer is stuck) is
     * reported as {@code eliot:destination_failure} on the destinations not closed yet, or on
     * standard error when none is left. Never throws.
     */
    public void closeAll() {
        Destination[] all;
        synchronized (lock) {
            all = destinations;
            destinations = new Destination[0];
            anyAdded = anyAdded || all.length > 0;
        }
        episodes.clear();
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].close();
            } catch (Throwable failure) {
                reportCloseFailure(all, i, failure);
            }
        }
    }

    private void reportCloseFailure(Destination[] all, int failed, Throwable failure) {
        Map<String, Object> fields = failureFields(all[failed], failure);
        if (offer(all, failed + 1, all[failed], ownMessage("eliot:destination_failure", fields))) {
            return;
        }
        unreportedFailures.increment();
        System.err.println("eliot: closing " + fields.get("destination") + " failed: " + fields.get("reason"));
    }
}
