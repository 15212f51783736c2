package io.eliot.core;

import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import io.eliot.core.internal.registry.Destinations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registered {@link ContextFields} sources, asked on the logging thread for each message. With
 * none registered a message costs one static read; a source that returns nothing costs no
 * allocation. Nothing here throws into the caller.
 */
final class ContextFieldSources {

    /** Fields taken from one source for one message; the rest is left out and reported. */
    static final int MAX_FIELDS = 32;

    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final Source[] NONE = new Source[0];

    /** Replaced, never changed in place (under the class lock). */
    private static volatile Source[] sources = NONE;

    /** Whether this thread is asking a source now: a message a source logs gets no context fields. */
    private static final ThreadLocal<boolean[]> ASKING = ThreadLocal.withInitial(() -> new boolean[1]);

    private ContextFieldSources() {}

    static synchronized boolean add(ContextFields source) {
        if (source == null) {
            return false;
        }
        for (Source s : sources) {
            if (s.source == source) {
                return false;
            }
        }
        Source[] next = java.util.Arrays.copyOf(sources, sources.length + 1);
        next[next.length - 1] = new Source(source);
        sources = next;
        return true;
    }

    static synchronized boolean remove(ContextFields source) {
        Source[] current = sources;
        for (int i = 0; i < current.length; i++) {
            if (current[i].source == source) {
                Source[] next = new Source[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                sources = next;
                return true;
            }
        }
        return false;
    }

    /**
     * The global fields of a message logged now: {@code globals} itself when no source has fields,
     * else a new unmodifiable map of {@code globals} and the sources' fields (which win).
     */
    static Map<String, Object> withContext(Map<String, Object> globals) {
        Source[] current = sources;
        return current.length == 0 ? globals : collect(current, globals);
    }

    private static Map<String, Object> collect(Source[] current, Map<String, Object> globals) {
        boolean[] asking = ASKING.get();
        if (asking[0]) {
            return globals;
        }
        asking[0] = true;
        try {
            Map<String, Object> merged = null;
            for (Source s : current) {
                merged = s.addTo(merged, globals);
            }
            return merged == null ? globals : ((FieldMap) merged).freeze();
        } finally {
            asking[0] = false;
        }
    }

    /** Whether {@code value} may be a context field's value. */
    private static boolean isPlain(Object value) {
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte;
    }

    /** One registered source and its failures. */
    private static final class Source {
        final ContextFields source;
        final AtomicLong unreported = new AtomicLong();
        private long lastReport; // guarded by this
        private boolean reportedOnce; // guarded by this

        Source(ContextFields source) {
            this.source = source;
        }

        /** Adds this source's fields to {@code merged} (created from {@code globals} when null); returns it. */
        Map<String, Object> addTo(Map<String, Object> merged, Map<String, Object> globals) {
            Map<String, ?> fields;
            try {
                fields = source.current();
                if (fields == null || fields.isEmpty()) {
                    return merged;
                }
            } catch (Throwable failure) {
                Throwables.rethrowIfFatal(failure);
                failed(failure, "it threw");
                return merged;
            }
            String problem = null;
            try {
                int taken = 0;
                for (Map.Entry<?, ?> e : fields.entrySet()) {
                    Object name = e.getKey();
                    Object value = e.getValue();
                    if (!(name instanceof String key)
                            || !UserFields.safeName(key).equals(key)) {
                        problem = "a field name is null, not a string or structural: " + Throwables.describe(name);
                        continue;
                    }
                    if (!isPlain(value)) {
                        problem = "field " + key + " is not a string, number or boolean";
                        continue;
                    }
                    if (taken == MAX_FIELDS) {
                        problem = "it returned more than " + MAX_FIELDS + " fields";
                        break;
                    }
                    if (merged == null) {
                        merged = new FieldMap(globals.size() + fields.size());
                        globals.forEach(merged::put);
                    }
                    merged.put(key, value);
                    taken++;
                }
            } catch (Throwable failure) {
                Throwables.rethrowIfFatal(failure);
                failed(failure, "its fields could not be read");
                return merged;
            }
            if (problem != null) {
                failed(null, problem);
            }
            return merged;
        }

        /** Counts a failure; reports the first, then at most one a minute with the count since. */
        void failed(Throwable failure, String problem) {
            unreported.incrementAndGet();
            long count;
            synchronized (this) {
                long now = System.nanoTime();
                if (reportedOnce && now - lastReport < REPORT_INTERVAL_NANOS) {
                    return;
                }
                reportedOnce = true;
                lastReport = now;
                count = unreported.getAndSet(0);
            }
            try {
                Map<String, Object> fields = new LinkedHashMap<>(8);
                fields.put("source", Throwables.cut(Throwables.describe(source), 200));
                fields.put("problem", Throwables.cut(problem, 300));
                if (failure != null) {
                    fields.put("exception", failure.getClass().getName());
                    fields.put("reason", Throwables.cut(Throwables.reason(failure), 300));
                }
                fields.put("failures", count);
                Destinations registry = Destinations.global();
                registry.send(registry.ownMessage(ContextFields.FAILURE_MESSAGE, fields));
            } catch (Throwable ignored) {
                Throwables.rethrowIfFatal(ignored);
            }
        }
    }
}
