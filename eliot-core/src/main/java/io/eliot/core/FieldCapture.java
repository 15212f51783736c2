package io.eliot.core;

import io.eliot.core.internal.CaptureFailure;
import io.eliot.core.internal.CapturedList;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import io.eliot.core.settings.FieldLimits;
import io.eliot.core.settings.FieldRedaction;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values of one logging call as they are at the call, on the caller's thread: collections,
 * maps and arrays are copied into immutable snapshots, cut to the {@link FieldLimits} (per string,
 * per collection, 16 levels deep, and {@link FieldLimits#maxMessageSize()} for all the values of
 * the call together), redacted by name, and map keys become distinct strings. A value that throws
 * while it is read (a lazy collection, a concurrent modification) is replaced by a marker naming
 * the exception, and noted in {@link #failures()}. Records, beans and other objects are kept as
 * they are, for the encoder. One instance per logging call; never throws (but for a {@link
 * VirtualMachineError} other than a stack overflow).
 */
final class FieldCapture {

    private final FieldLimits limits;
    private final FieldRedaction redaction;
    private int budget;
    private boolean exhausted;
    private List<CaptureFailure> failures;
    private String field;

    FieldCapture() {
        this(FieldLimits.defaults(), FieldRedaction.current());
    }

    FieldCapture(FieldLimits limits, FieldRedaction redaction) {
        this.limits = limits;
        this.redaction = redaction;
        this.budget = limits.maxMessageSize();
    }

    /** Values that threw while they were read, in order; empty when none did. */
    List<CaptureFailure> failures() {
        return failures == null ? List.of() : failures;
    }

    /** {@code value} of the field {@code name}: a snapshot within the limits, redacted if its name asks. */
    Object field(String name, Object value) {
        budget -= name == null ? 4 : name.length();
        if (redaction.matches(name)) {
            return FieldRedaction.REDACTED;
        }
        field = name;
        return capture(value, 0);
    }

    private Object capture(Object value, int depth) {
        if (value == null
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Float) {
            budget--;
            return value;
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (exhausted || budget <= 0) {
            return sizeMarker();
        }
        if (depth > FieldLimits.MAX_DEPTH) {
            budget -= 40;
            return FieldLimits.TOO_DEEP;
        }
        try {
            return captureObject(value, depth);
        } catch (Throwable failure) {
            Throwables.rethrowIfFatal(failure);
            return failed(failure);
        }
    }

    private Object captureObject(Object value, int depth) {
        if (value instanceof CapturedList || value instanceof FieldMap) {
            budget -= ((Collection<?>) (value instanceof FieldMap m ? m.values() : value)).size();
            return value; // captured already (a message's fields copied again)
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, depth);
        }
        if (value instanceof Collection<?> collection) {
            return collection(collection, depth);
        }
        if (value instanceof Object[] array) {
            return elements(
                    Arrays.copyOf(array, Math.min(array.length, limits.maxElements()), Object[].class),
                    array.length,
                    depth);
        }
        if (value instanceof byte[] bytes) {
            int kept = Math.min(bytes.length, limits.maxStringLength());
            budget -= kept * 4 / 3 + 2;
            String base64 = Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, kept));
            return kept == bytes.length ? base64 : base64 + "... (cut from " + bytes.length + " bytes)";
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            Object[] kept = new Object[Math.min(length, limits.maxElements())];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = Array.get(value, i);
            }
            return elements(kept, length, depth);
        }
        if (value instanceof CharSequence chars) {
            return string(chars.toString()); // a StringBuilder as it is now
        }
        if (value instanceof AtomicInteger || value instanceof AtomicLong) {
            budget--;
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            budget -= 8;
            return value;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(inner -> capture(inner, depth + 1));
        }
        budget -= 8; // a record, bean, enum, java.time value...: written by the encoder
        return value;
    }

    private Object string(String s) {
        if (exhausted || budget <= 0) {
            return sizeMarker();
        }
        int max = limits.maxStringLength();
        if (s.length() <= max && s.length() <= budget) {
            budget -= s.length() + 1;
            return s;
        }
        int kept = Math.max(0, Math.min(max, budget));
        budget -= kept + 1;
        if (kept < max && kept < s.length()) {
            exhausted = true;
        }
        return s.substring(0, kept) + "... (cut from " + s.length() + " characters)";
    }

    private Object collection(Collection<?> collection, int depth) {
        int size = collection.size();
        if (size <= limits.maxElements()) {
            // The collection's own copy: a synchronized or copy-on-write collection copies atomically.
            Object[] all = collection.toArray();
            int kept = Math.min(all.length, limits.maxElements());
            return elements(
                    kept == all.length && all.getClass() == Object[].class
                            ? all // a fresh array, the caller's to change
                            : Arrays.copyOf(all, kept, Object[].class),
                    Math.max(size, all.length),
                    depth);
        }
        Object[] kept = new Object[limits.maxElements()];
        int n = 0;
        for (Iterator<?> it = collection.iterator(); n < kept.length && it.hasNext(); ) {
            kept[n++] = it.next();
        }
        return elements(n == kept.length ? kept : Arrays.copyOf(kept, n), size, depth);
    }

    /**
     * A snapshot of the first elements of {@code size}: {@code kept}, a fresh array this method
     * fills with the captured elements in place.
     */
    private Object elements(Object[] kept, int size, int depth) {
        for (int n = 0; n < kept.length; n++) {
            if (exhausted || budget <= 0) {
                kept[n] = sizeMarker();
                return new CapturedList(Arrays.copyOf(kept, n + 1));
            }
            budget--;
            kept[n] = capture(kept[n], depth + 1);
        }
        if (kept.length < size) {
            budget -= 30;
            Object[] out = Arrays.copyOf(kept, kept.length + 1);
            out[kept.length] = "... (cut from " + size + " elements)";
            return new CapturedList(out);
        }
        return new CapturedList(kept);
    }

    private Object map(Map<?, ?> map, int depth) {
        int size = map.size();
        int max = limits.maxElements();
        Object[] keys = new Object[Math.min(size, max)];
        Object[] values = new Object[keys.length];
        int n = 0;
        boolean allStrings = true;
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); n < keys.length && it.hasNext(); ) {
            Map.Entry<?, ?> entry = it.next();
            keys[n] = entry.getKey();
            allStrings &= keys[n] instanceof String;
            values[n++] = entry.getValue();
        }
        Object[] names = allStrings ? keys : keyNames(keys, n);
        FieldMap out = new FieldMap(n + 1);
        for (int i = 0; i < n; i++) {
            String name = (String) names[i];
            if (exhausted || budget <= 0) {
                out.put(name, sizeMarker());
                return out.freeze();
            }
            budget -= name.length() + 1;
            out.put(name, redaction.matches(name) ? FieldRedaction.REDACTED : capture(values[i], depth + 1));
        }
        if (size > n) {
            budget -= 30;
            out.put(uniqueName(out, "..."), "cut from " + size + " entries");
        }
        return out.freeze();
    }

    /**
     * Distinct JSON names for the keys {@code keys[0, n)}: a string key is itself; any other key is
     * its string form ({@code "null"} for null) unless that is taken by another key, then {@code
     * <form>#<simple class name>} ({@code null#null}), then {@code #2}, {@code #3}...
     */
    static String[] keyNames(Object[] keys, int n) {
        Set<String> strings = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (keys[i] instanceof String s) {
                strings.add(s);
            }
        }
        Set<String> taken = new HashSet<>(strings);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            Object key = keys[i];
            if (key instanceof String s) {
                names[i] = s;
                continue;
            }
            String form = key == null ? "null" : Throwables.safeToString(key);
            String name = form;
            if (taken.contains(name)) {
                name = form + "#" + (key == null ? "null" : key.getClass().getSimpleName());
                for (int k = 2; taken.contains(name); k++) {
                    name = form + "#" + (key == null ? "null" : key.getClass().getSimpleName()) + "#" + k;
                }
            }
            taken.add(name);
            names[i] = name;
        }
        return names;
    }

    private static String uniqueName(Map<String, ?> map, String name) {
        String unique = name;
        for (int k = 2; map.containsKey(unique); k++) {
            unique = name + "#" + k;
        }
        return unique;
    }

    private String sizeMarker() {
        exhausted = true;
        return "... (cut: over " + limits.maxMessageSize() + " characters in this message)";
    }

    private String failed(Throwable failure) {
        if (failures == null) {
            failures = new ArrayList<>(2);
        }
        failures.add(new CaptureFailure(field, failure));
        String marker = Throwables.unreadable(failure, limits.maxStringLength());
        budget -= marker.length();
        return marker;
    }
}
