package io.eliot.viewer;

import io.eliot.core.destination.Destination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded, in-memory destination of an application's recent tasks, for the live view: add it
 * like any destination, then list tasks ({@link #list}) and read one task's tree ({@link #task}).
 *
 * <pre>{@code
 * RecentTasks recent = RecentTasks.builder().maxTasks(500).maxBytes(8 << 20).build();
 * Eliot.addDestination(recent);
 * ...
 * recent.task(uuid).ifPresent(tree -> ...);
 * }</pre>
 *
 * <p>Each message is kept as its JSON line (encoded as the other destinations encode it, after
 * redaction) and parsed back only when its task is asked for. The store is bounded by a number of
 * tasks and by bytes; the bytes counted are a conservative estimate of the heap it retains (the
 * lines, the arrays and objects holding them, the index), so the heap it takes stays under {@link
 * Builder#maxBytes}. When a bound is passed, whole tasks are evicted: ordinary tasks first, oldest
 * (first seen) first; failed and slow tasks (a root action that failed, or took at least {@link
 * Builder#slowThreshold}) are kept longer, but take at most {@link Builder#failedAndSlowShare} of
 * each bound. One task keeps at most {@link Builder#maxTaskBytes}: its later messages are counted as
 * dropped ({@code dropped_messages}), except the end of its root action, kept if it fits that cap
 * by itself so the task's status and duration stay known.
 *
 * <p>Thread-safe: messages are encoded on the writing thread and stored under a short lock. {@link
 * #write} never throws: a failure is reported as Eliot reports a destination's failures.
 */
public final class RecentTasks implements Destination {

    private final int maxTasks;
    private final long maxBytes;
    private final long maxTaskBytes;
    private final long slowMicros;
    private final double share;
    private final int maxKeptTasks;
    private final long maxKeptBytes;
    private final JsonLineEncoder encoder;

    private final Object lock = new Object();
    // guarded by lock:
    private HashMap<String, Entry> index = new HashMap<>();
    private int peakIndexSize;
    private final Chain ordinary = new Chain();
    private final Chain kept = new Chain();
    private long entryBytes;
    private long keptBytes;
    private long nextSeq;
    private long droppedMessages;
    private long evictedTasks;
    private boolean closed;

    private RecentTasks(Builder b) {
        this.maxTasks = b.maxTasks;
        this.maxBytes = b.maxBytes;
        this.maxTaskBytes = b.maxTaskBytes > 0 ? b.maxTaskBytes : Math.max(1, b.maxBytes / 16);
        if (maxTaskBytes > maxBytes) {
            throw new IllegalArgumentException(
                    "maxTaskBytes (" + maxTaskBytes + ") must not exceed maxBytes (" + maxBytes + ")");
        }
        if (Sizes.index(maxTasks + 1) > maxBytes / 2) {
            throw new IllegalArgumentException("maxBytes (" + maxBytes + ") is too small to index maxTasks (" + maxTasks
                    + ") tasks: allow at least " + 2 * Sizes.index(maxTasks + 1) + " bytes");
        }
        this.slowMicros = b.slowThreshold.toNanos() / 1000;
        this.share = b.share;
        this.maxKeptTasks = (int) Math.floor(maxTasks * share);
        this.maxKeptBytes = (long) Math.floor(maxBytes * share);
        this.encoder = b.encoder;
    }

    /** A builder with the defaults: 1,000 tasks, 16 MiB, slow from 1 s, failed and slow up to half. */
    public static Builder builder() {
        return new Builder();
    }

    /** The store's bounds and encoder. Each setter checks its value. */
    public static final class Builder {
        private int maxTasks = 1_000;
        private long maxBytes = 16L << 20;
        private long maxTaskBytes;
        private Duration slowThreshold = Duration.ofSeconds(1);
        private double share = 0.5;
        private JsonLineEncoder encoder = new JsonLineEncoder();

        private Builder() {}

        /** At most this many tasks (at least 1). */
        public Builder maxTasks(int maxTasks) {
            if (maxTasks < 1) {
                throw new IllegalArgumentException("must be at least 1: " + maxTasks);
            }
            this.maxTasks = maxTasks;
            return this;
        }

        /** At most this many bytes of heap (at least 64 KiB). */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 64 * 1024) {
                throw new IllegalArgumentException("must be at least 64KB: " + maxBytes + " bytes");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * At most this many bytes for one task (at least 1 KiB, at most {@link #maxBytes}); by default
         * a sixteenth of {@link #maxBytes}.
         */
        public Builder maxTaskBytes(long maxTaskBytes) {
            if (maxTaskBytes < 1024) {
                throw new IllegalArgumentException("must be at least 1KB: " + maxTaskBytes + " bytes");
            }
            this.maxTaskBytes = maxTaskBytes;
            return this;
        }

        /** A task whose root action took at least this long is slow, and kept longer (positive). */
        public Builder slowThreshold(Duration slowThreshold) {
            if (slowThreshold == null || slowThreshold.isNegative() || slowThreshold.isZero()) {
                throw new IllegalArgumentException("must be positive: " + slowThreshold);
            }
            this.slowThreshold = slowThreshold;
            return this;
        }

        /**
         * The share (0 to 1) of {@link #maxTasks} and {@link #maxBytes} that failed and slow tasks
         * may take; 0 keeps them no longer than the others.
         */
        public Builder failedAndSlowShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("must be between 0 and 1: " + share);
            }
            this.share = share;
            return this;
        }

        /** Encodes the messages kept (the application's encoder, so values look as in its log). */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalArgumentException if {@link #maxTaskBytes} exceeds {@link #maxBytes}
         */
        public RecentTasks build() {
            return new RecentTasks(this);
        }
    }

    // ---- writing

    @Override
    public void write(MessageRecord message) {
        try {
            store(message, encoder.encode(message));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            Destination.reportDeliveryFailure(this, message, failure);
            return;
        }
        Destination.reportDelivered(this);
    }

    /** Reports its own failures ({@link #write} never throws). */
    @Override
    public boolean reportsDelivery() {
        return true;
    }

    private void store(MessageRecord message, byte[] line) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Entry entry = index.get(message.taskUuid());
            if (entry == null) {
                entry = new Entry(message.taskUuid(), nextSeq++);
                index.put(entry.uuid, entry);
                peakIndexSize = Math.max(peakIndexSize, index.size());
                entry.bytes = Sizes.entry(entry.uuid);
                entryBytes += entry.bytes;
                ordinary.add(entry);
            }
            boolean rootEnd = entry.observe(message, slowMicros);
            long typeBytes = entry.rootType == null ? 0 : Sizes.string(entry.rootType);
            account(entry, typeBytes - entry.typeBytes); // the type's string, whatever the task's cap
            entry.typeBytes = typeBytes;
            long cost = Sizes.byteArray(line.length) + entry.growthCost();
            boolean fits = entry.bytes + cost <= maxTaskBytes
                    || (rootEnd && Sizes.byteArray(line.length) + Sizes.refArray(4) <= maxTaskBytes);
            if (fits) {
                entry.add(line);
                account(entry, cost);
            } else {
                entry.dropped++;
                droppedMessages++;
            }
            if (entry.notable && !entry.inKept) {
                ordinary.remove(entry);
                kept.add(entry);
                entry.inKept = true;
                keptBytes += entry.bytes;
            }
            evict();
        }
    }

    private void account(Entry entry, long cost) {
        entry.bytes += cost;
        entryBytes += cost;
        if (entry.inKept) {
            keptBytes += cost;
        }
    }

    /** Evicts whole tasks until within every bound; the caller holds the lock. */
    private void evict() {
        while (kept.size > maxKeptTasks || keptBytes > maxKeptBytes) {
            remove(kept.head);
        }
        while ((index.size() > maxTasks || bytes() > maxBytes) && index.size() > 0) {
            remove(ordinary.head != null ? ordinary.head : kept.head);
        }
        if (peakIndexSize > 64 && index.size() < peakIndexSize / 4) {
            index = new HashMap<>(index); // a table sized for what is left
            peakIndexSize = index.size();
        }
    }

    private void remove(Entry entry) {
        index.remove(entry.uuid);
        entryBytes -= entry.bytes;
        if (entry.inKept) {
            kept.remove(entry);
            keptBytes -= entry.bytes;
        } else {
            ordinary.remove(entry);
        }
        evictedTasks++;
    }

    // ---- reading

    /** The bytes of heap counted for what is stored now: never more than the configured maximum. */
    public long bytes() {
        synchronized (lock) {
            return entryBytes + Sizes.index(peakIndexSize);
        }
    }

    /** The number of tasks stored now. */
    public int size() {
        synchronized (lock) {
            return index.size();
        }
    }

    /** Messages not kept because their task had reached its cap, since the store was created. */
    public long droppedMessages() {
        synchronized (lock) {
            return droppedMessages;
        }
    }

    /** Tasks evicted to stay within the bounds, since the store was created. */
    public long evictedTasks() {
        synchronized (lock) {
            return evictedTasks;
        }
    }

    /** The most tasks kept. */
    public int maxTasks() {
        return maxTasks;
    }

    /** The most bytes of heap kept. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The most bytes of heap one task keeps. */
    public long maxTaskBytes() {
        return maxTaskBytes;
    }

    /**
     * The tasks {@code query} selects, newest (first seen) first, with the store's sizes: {@code
     * {"tasks": [...], "stored": n, "bytes": n, "max_tasks": n, "max_bytes": n, "dropped_messages":
     * n, "evicted_tasks": n}}. Each task is {@link TaskTrees#summary} plus {@code updated} (the
     * timestamp of its latest message, seconds since the epoch) and {@code dropped_messages}.
     */
    public Map<String, Object> list(TaskQuery query) {
        List<Snapshot> selected = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        synchronized (lock) {
            for (Chain chain : List.of(ordinary, kept)) {
                for (Entry e = chain.head; e != null; e = e.next) {
                    if (e.matches(query)) {
                        selected.add(e.snapshot());
                    }
                }
            }
            result.put("stored", index.size());
            result.put("bytes", entryBytes + Sizes.index(peakIndexSize));
            result.put("max_tasks", maxTasks);
            result.put("max_bytes", maxBytes);
            result.put("dropped_messages", droppedMessages);
            result.put("evicted_tasks", evictedTasks);
        }
        selected.sort(Comparator.comparingLong(Snapshot::seq).reversed());
        List<Map<String, Object>> tasks = new ArrayList<>(Math.min(selected.size(), query.limit()));
        for (Snapshot snapshot : selected.subList(0, Math.min(selected.size(), query.limit()))) {
            tasks.add(snapshot.summary());
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("tasks", tasks);
        list.putAll(result);
        return list;
    }

    /**
     * The task as {@link TaskTrees#toMap} plus {@code updated} and {@code dropped_messages}; empty
     * when it is not stored (never was, or was evicted).
     */
    public Optional<Map<String, Object>> task(String taskUuid) {
        Snapshot snapshot = snapshot(taskUuid);
        if (snapshot == null) {
            return Optional.empty();
        }
        ParsedTask parsed = snapshot.parse();
        Map<String, Object> map = parsed == null ? snapshot.bareSummary() : TaskTrees.toMap(parsed);
        snapshot.addExtras(map);
        return Optional.of(map);
    }

    /** The task's tree as parsed from the messages kept; empty when it is not stored. */
    public Optional<ParsedTask> parsedTask(String taskUuid) {
        Snapshot snapshot = snapshot(taskUuid);
        return snapshot == null ? Optional.empty() : Optional.ofNullable(snapshot.parse());
    }

    private Snapshot snapshot(String taskUuid) {
        if (taskUuid == null) {
            return null;
        }
        synchronized (lock) {
            Entry entry = index.get(taskUuid);
            return entry == null ? null : entry.snapshot();
        }
    }

    /** Forgets every task (the counters stay). */
    public void clear() {
        synchronized (lock) {
            index = new HashMap<>();
            peakIndexSize = 0;
            ordinary.clear();
            kept.clear();
            entryBytes = 0;
            keptBytes = 0;
        }
    }

    /** Forgets every task and keeps no more. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        clear();
    }

    @Override
    public String toString() {
        return "RecentTasks[" + size() + " tasks, " + bytes() + " of " + maxBytes + " bytes]";
    }

    // ---- internals

    /** The root action's state. */
    private static final byte NONE = 0, STARTED = 1, SUCCEEDED = 2, FAILED = 3;

    /** One task: its lines and what lists filter on, kept up to date as messages arrive. */
    private static final class Entry {
        final String uuid;
        final long seq;
        byte[][] lines = new byte[4][];
        int count;
        long bytes;
        long typeBytes;
        int dropped;
        String rootType;
        boolean rootIsMessage;
        byte status = NONE;
        long rootStart = Long.MIN_VALUE;
        long rootEnd = Long.MIN_VALUE;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        boolean notable;
        boolean inKept;
        Entry prev;
        Entry next;

        Entry(String uuid, long seq) {
            this.uuid = uuid;
            this.seq = seq;
        }

        /** Updates the filter fields; whether the message ends the root action. */
        boolean observe(MessageRecord m, long slowMicros) {
            long t = m.timestampMicros();
            earliest = Math.min(earliest, t);
            latest = Math.max(latest, t);
            if (m.taskLevel().depth() != 1) {
                return false;
            }
            if (!m.isAction()) {
                if (rootType == null) {
                    rootType = m.messageType();
                    rootIsMessage = true;
                }
                return false;
            }
            if (rootIsMessage || rootType == null) {
                rootType = m.actionType();
                rootIsMessage = false;
            }
            if (m.actionStatus() == ActionStatus.STARTED) {
                rootStart = t;
                if (status == NONE) {
                    status = STARTED;
                }
                checkSlow(slowMicros);
                return false;
            }
            rootEnd = t;
            status = m.actionStatus() == ActionStatus.FAILED ? FAILED : SUCCEEDED;
            notable |= status == FAILED;
            checkSlow(slowMicros);
            return true;
        }

        private void checkSlow(long slowMicros) {
            if (rootStart != Long.MIN_VALUE && rootEnd != Long.MIN_VALUE && rootEnd - rootStart >= slowMicros) {
                notable = true;
            }
        }

        /** The bytes adding one more line costs in the array of lines. */
        long growthCost() {
            return count < lines.length ? 0 : Sizes.refArray(grown()) - Sizes.refArray(lines.length);
        }

        private int grown() {
            return lines.length + (lines.length >> 1) + 1;
        }

        void add(byte[] line) {
            if (count == lines.length) {
                lines = Arrays.copyOf(lines, grown());
            }
            lines[count++] = line;
        }

        boolean matches(TaskQuery q) {
            if (q.status() != null && status != code(q.status())) {
                return false;
            }
            if (!q.typeMatches(rootType)) {
                return false;
            }
            if (q.minDurationSeconds() != null
                    && (status == STARTED
                            || rootStart == Long.MIN_VALUE
                            || rootEnd == Long.MIN_VALUE
                            || (rootEnd - rootStart) / 1e6 < q.minDurationSeconds())) {
                return false;
            }
            if (q.since() != null && latest < micros(q.since())) {
                return false;
            }
            return q.until() == null || earliest <= micros(q.until());
        }

        Snapshot snapshot() {
            return new Snapshot(
                    uuid,
                    seq,
                    Arrays.copyOf(lines, count),
                    dropped,
                    latest,
                    rootType,
                    rootIsMessage,
                    status,
                    earliest,
                    rootStart,
                    rootEnd);
        }

        private static byte code(ActionStatus status) {
            return switch (status) {
                case STARTED -> STARTED;
                case SUCCEEDED -> SUCCEEDED;
                case FAILED -> FAILED;
            };
        }

        private static long micros(java.time.Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        }
    }

    /** A task's lines and fields, copied under the lock, read outside it. */
    private record Snapshot(
            String uuid,
            long seq,
            byte[][] lines,
            int dropped,
            long latest,
            String rootType,
            boolean rootIsMessage,
            byte status,
            long earliest,
            long rootStart,
            long rootEnd) {

        /** The task as parsed from its lines, or null when none was kept. */
        ParsedTask parse() {
            List<MessageRecord> messages = new ArrayList<>(lines.length);
            for (int i = 0; i < lines.length; i++) {
                byte[] line = lines[i];
                LogParser.readMessage(new String(line, StandardCharsets.UTF_8), uuid, i + 1, problem -> {})
                        .ifPresent(messages::add);
            }
            List<ParsedTask> tasks = LogParser.buildTasks(messages, (message, reason) -> {});
            return tasks.isEmpty() ? null : tasks.get(0);
        }

        Map<String, Object> summary() {
            ParsedTask parsed = parse();
            Map<String, Object> map = parsed == null ? bareSummary() : TaskTrees.summary(parsed);
            addExtras(map);
            return map;
        }

        /** The summary of a task none of whose messages was kept, from what was seen of them. */
        Map<String, Object> bareSummary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("task_uuid", uuid);
            map.put("complete", false);
            map.put("message_count", 0);
            map.put("type", rootType);
            map.put("status", status == NONE ? null : new String[] {null, "started", "succeeded", "failed"}[status]);
            map.put("start", earliest == Long.MAX_VALUE ? null : earliest / 1e6);
            map.put(
                    "duration",
                    rootStart != Long.MIN_VALUE && rootEnd != Long.MIN_VALUE ? (rootEnd - rootStart) / 1e6 : null);
            return map;
        }

        void addExtras(Map<String, Object> map) {
            map.put("updated", latest == Long.MIN_VALUE ? null : latest / 1e6);
            map.put("dropped_messages", dropped);
        }
    }

    /** Tasks in the order they were added (oldest first), linked through the entries themselves. */
    private static final class Chain {
        Entry head;
        Entry tail;
        int size;

        void add(Entry e) {
            e.prev = tail;
            e.next = null;
            if (tail == null) {
                head = e;
            } else {
                tail.next = e;
            }
            tail = e;
            size++;
        }

        void remove(Entry e) {
            if (e.prev == null) {
                head = e.next;
            } else {
                e.prev.next = e.next;
            }
            if (e.next == null) {
                tail = e.prev;
            } else {
                e.next.prev = e.prev;
            }
            e.prev = null;
            e.next = null;
            size--;
        }

        void clear() {
            head = null;
            tail = null;
            size = 0;
        }
    }

    /**
     * Conservative sizes of what the store retains, as on a 64-bit JVM without compressed
     * references (16-byte object headers, 8-byte references, 24-byte array headers, 8-byte
     * alignment): with compressed references the real sizes are smaller.
     */
    static final class Sizes {
        private static final int HEADER = 16, REF = 8, ARRAY_HEADER = 24;
        /** A HashMap node, as large as a tree bin's node. */
        private static final int INDEX_NODE = 104;
        /** An Entry: 5 references, 7 longs, 2 ints, 3 booleans and a byte. */
        private static final long ENTRY = align(HEADER + 5 * REF + 7 * 8 + 2 * 4 + 4);

        private Sizes() {}

        static long align(long n) {
            return (n + 7) & ~7L;
        }

        static long byteArray(int length) {
            return align(ARRAY_HEADER + (long) length);
        }

        static long refArray(int length) {
            return align(ARRAY_HEADER + (long) REF * length);
        }

        /** A String (its object and its bytes, two per char at worst). */
        static long string(String s) {
            return align(HEADER + REF + 8) + byteArray(s.length() * 2);
        }

        /** A new task: its entry, its uuid, its index node and its initial array of lines. */
        static long entry(String uuid) {
            return ENTRY + string(uuid) + INDEX_NODE + refArray(4);
        }

        /** The index's table for {@code peak} tasks, as large as a HashMap ever makes it. */
        static long index(int peak) {
            long table = 16;
            while (table * 3 / 4 < peak) {
                table *= 2;
            }
            return refArray((int) Math.min(Integer.MAX_VALUE - 64, table));
        }
    }
}
