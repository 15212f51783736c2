package io.eliot.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A message's fields in insertion order, held in one array of alternating names and values: a
 * message's few fields cost one small array instead of a hash table and an entry per field. Built
 * by one thread with {@link #put}, then {@link #freeze() frozen} when a message takes it, after
 * which it is an unmodifiable map safe to share between threads.
 */
public final class FieldMap extends AbstractMap<String, Object> {

    private static final Object[] EMPTY = new Object[0];

    private Object[] slots;
    private int size;
    private boolean frozen;
    private java.util.List<CaptureFailure> failures = java.util.List.of();

    /** An empty map with room for {@code expected} fields before it grows. */
    public FieldMap(int expected) {
        slots = expected <= 0 ? EMPTY : new Object[expected * 2];
    }

    /** A frozen copy of {@code fields}, in their iteration order. */
    public static FieldMap copyOf(Map<String, ?> fields) {
        FieldMap copy = new FieldMap(fields.size());
        fields.forEach(copy::append); // the names of a map are distinct already
        return copy.freeze();
    }

    /**
     * Adds a field, or replaces the value of one with the same name (keeping its place).
     *
     * @throws UnsupportedOperationException once frozen
     * @throws NullPointerException if {@code name} is null
     */
    @Override
    public Object put(String name, Object value) {
        if (frozen) {
            throw new UnsupportedOperationException("the fields of a logged message cannot change");
        }
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        if (i >= 0) {
            Object previous = slots[2 * i + 1];
            slots[2 * i + 1] = value;
            return previous;
        }
        append(name, value);
        return null;
    }

    private void append(String name, Object value) {
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(8, slots.length * 2));
        }
        slots[2 * size] = Objects.requireNonNull(name, "name");
        slots[2 * size + 1] = value;
        size++;
    }

    /** Values that threw while they were captured into this map, to be reported after its message. */
    public java.util.List<CaptureFailure> failures() {
        return failures;
    }

    /** Notes {@code more} capture failures (see {@link #failures()}); not once frozen. */
    public void addFailures(java.util.List<CaptureFailure> more) {
        if (frozen) {
            throw new UnsupportedOperationException("the fields of a logged message cannot change");
        }
        if (!more.isEmpty()) {
            java.util.List<CaptureFailure> all = new java.util.ArrayList<>(failures);
            all.addAll(more);
            failures = java.util.List.copyOf(all);
        }
    }

    /** Makes this map unmodifiable from now on; returns it. */
    public FieldMap freeze() {
        frozen = true;
        return this;
    }

    /** The name of the {@code index}-th field (0-based, insertion order). */
    public String nameAt(int index) {
        Objects.checkIndex(index, size);
        return (String) slots[2 * index];
    }

    /** The value of the {@code index}-th field (0-based, insertion order). */
    public Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return slots[2 * index + 1];
    }

    private int indexOf(Object name) {
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (name.equals(slots[2 * i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : slots[2 * i + 1];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept((String) slots[2 * i], slots[2 * i + 1]);
        }
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("fields are only ever added");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("fields are only ever added");
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>((String) slots[2 * i], slots[2 * i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
