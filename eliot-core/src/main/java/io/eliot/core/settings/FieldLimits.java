package io.eliot.core.settings;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Size limits for logged values, so one call can never write megabytes: strings longer than {@link
 * #maxStringLength()} characters and collections, maps and arrays with more than {@link
 * #maxElements()} elements are cut, with a marker saying how large they were; values nested more
 * than 16 levels deep are replaced by a marker; and all the values of one logging call together
 * are cut after about {@link #maxMessageSize()} characters, with a marker.
 *
 * <pre>{@code
 * FieldLimits.setDefaults(new FieldLimits(500, 50, 20_000));
 * Object safe = FieldLimits.defaults().cut(hugeList);   // first 50 elements + "... (cut from 10000 elements)"
 * }</pre>
 *
 * <p>The defaults apply to every user field when it is logged, on the caller's thread: the
 * annotations' arguments and results and the fields given to {@code Eliot}, {@code Action} and
 * {@code Message}. Other objects (records, beans) are left to Jackson as they are. Immutable;
 * {@link #cut} never throws.
 *
 * @param maxStringLength characters kept of a string (and bytes of a {@code byte[]})
 * @param maxElements elements kept of a collection, map or array
 * @param maxMessageSize characters kept of all the values of one logging call together: strings
 *     count their length, map keys their length plus one, every other value, element or entry one
 */
public record FieldLimits(int maxStringLength, int maxElements, int maxMessageSize) {

    /** 1,000 characters, 100 elements, 100,000 characters per message. */
    public static final FieldLimits DEFAULT = new FieldLimits(1_000, 100, 100_000);

    /** How deep nested collections are followed; deeper values are replaced by a marker. */
    public static final int MAX_DEPTH = 16;

    /** What replaces a value nested deeper than {@link #MAX_DEPTH}. */
    public static final String TOO_DEEP = "... (nested deeper than " + MAX_DEPTH + " levels)";

    private static volatile FieldLimits defaults = DEFAULT;

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public FieldLimits {
        if (maxStringLength < 1 || maxElements < 1 || maxMessageSize < 1) {
            throw new IllegalArgumentException("field limits must be positive, were " + maxStringLength
                    + " characters, " + maxElements + " elements and " + maxMessageSize + " characters per message");
        }
    }

    /** Limits of {@code maxStringLength} characters and {@code maxElements} elements, 100,000 per message. */
    public FieldLimits(int maxStringLength, int maxElements) {
        this(maxStringLength, maxElements, DEFAULT.maxMessageSize);
    }

    /** The limits in force for every logged field; {@link #DEFAULT} unless changed. */
    public static FieldLimits defaults() {
        return defaults;
    }

    /** Changes the limits in force for every field logged from now on. */
    public static void setDefaults(FieldLimits limits) {
        defaults = Objects.requireNonNull(limits, "limits");
    }

    /** {@code value} within these limits: the same object when it already is, otherwise a cut copy. */
    public Object cut(Object value) {
        return cut(value, 0);
    }

    private Object cut(Object value, int depth) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            return TOO_DEEP;
        }
        if (value instanceof CharSequence s) {
            return s.length() <= maxStringLength
                    ? value
                    : s.subSequence(0, maxStringLength) + "... (cut from " + s.length() + " characters)";
        }
        if (value instanceof byte[] bytes) {
            return bytes.length <= maxStringLength
                    ? value
                    : Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, maxStringLength))
                            + "... (cut from " + bytes.length + " bytes)";
        }
        if (value instanceof Collection<?> c) {
            return cutElements(c, c.size(), depth, value);
        }
        if (value instanceof Object[] array) {
            return cutElements(java.util.Arrays.asList(array), array.length, depth, value);
        }
        if (value instanceof Map<?, ?> map) {
            return cutMap(map, depth);
        }
        if (value.getClass().isArray()) {
            int length = java.lang.reflect.Array.getLength(value);
            if (length <= maxElements) {
                return value;
            }
            List<Object> kept = new ArrayList<>(maxElements + 1);
            for (int i = 0; i < maxElements; i++) {
                kept.add(java.lang.reflect.Array.get(value, i));
            }
            kept.add("... (cut from " + length + " elements)");
            return kept;
        }
        return value;
    }

    private Object cutElements(Iterable<?> elements, int size, int depth, Object original) {
        List<Object> kept = new ArrayList<>(Math.min(size, maxElements) + 1);
        boolean changed = size > maxElements;
        Iterator<?> it = elements.iterator();
        for (int i = 0; i < maxElements && it.hasNext(); i++) {
            Object element = it.next();
            Object cut = cut(element, depth + 1);
            changed |= cut != element;
            kept.add(cut);
        }
        if (!changed) {
            return original;
        }
        if (size > maxElements) {
            kept.add("... (cut from " + size + " elements)");
        }
        return kept;
    }

    private Object cutMap(Map<?, ?> map, int depth) {
        Map<Object, Object> kept = new LinkedHashMap<>();
        boolean changed = map.size() > maxElements;
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (i++ == maxElements) {
                break;
            }
            Object cut = cut(e.getValue(), depth + 1);
            changed |= cut != e.getValue();
            kept.put(e.getKey(), cut);
        }
        if (!changed) {
            return map;
        }
        if (map.size() > maxElements) {
            kept.put("...", "cut from " + map.size() + " entries");
        }
        return kept;
    }
}
