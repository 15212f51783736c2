package io.eliot.testing.internal;

import io.eliot.core.record.MessageRecord;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/** How field values are shown in failure messages, and when an expected value matches a logged one. */
public final class Values {

    /** Rendered values longer than this are cut. */
    static final int MAX_LENGTH = 100;

    private static final int MAX_DEPTH = 8;

    private Values() {}

    /**
     * One line for {@code value}: strings quoted and escaped (so no value breaks the line), numbers
     * and booleans as they are, maps as {@code {a=1, b="x"}}, lists and arrays as {@code [1, 2]},
     * anything else by {@code toString()}; cut after {@value #MAX_LENGTH} characters.
     */
    public static String render(Object value) {
        String text = render(value, 0);
        return text.length() <= MAX_LENGTH
                ? text
                : text.substring(0, MAX_LENGTH) + "…(" + text.length() + " characters)";
    }

    /**
     * Expected fields as {@code {name=value, ...}}, names in alphabetical order (a {@code Map.of} has
     * none of its own), each value {@linkplain #render rendered}.
     */
    public static String render(Map<String, ?> fields) {
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        sorted(fields).forEach((name, value) -> joined.add(name + "=" + render(value)));
        return joined.toString();
    }

    private static Map<String, ?> sorted(Map<String, ?> fields) {
        Map<String, Object> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        sorted.putAll(fields);
        return sorted;
    }

    private static String render(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return "…";
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return quote(text.toString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joined = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> joined.add(k + "=" + render(v, depth + 1)));
            return joined.toString();
        }
        List<?> elements = elements(value);
        if (elements != null) {
            StringJoiner joined = new StringJoiner(", ", "[", "]");
            elements.forEach(element -> joined.add(render(element, depth + 1)));
            return joined.toString();
        }
        return escape(safeToString(value));
    }

    /** {@code toString()}, or a note naming the exception when it throws: a failure message must not. */
    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException | StackOverflowError broken) {
            return "<unprintable " + value.getClass().getName() + ": "
                    + broken.getClass().getName() + ">";
        }
    }

    private static String quote(String text) {
        return "\"" + escape(text).replace("\"", "\\\"") + "\"";
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Whether a logged value matches an expected one as JSON would see them: numbers by value (so
     * {@code 2}, {@code 2L} and {@code 2.0} match), lists, collections and arrays element by element,
     * maps entry by entry, anything else by {@code equals}.
     */
    public static boolean same(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) {
            BigDecimal x = decimal(e);
            BigDecimal y = decimal(a);
            return x == null || y == null ? e.doubleValue() == a.doubleValue() : x.compareTo(y) == 0;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                if (!a.containsKey(entry.getKey()) || !same(entry.getValue(), a.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        List<?> e = elements(expected);
        List<?> a = elements(actual);
        if (e != null && a != null) {
            if (e.size() != a.size()) {
                return false;
            }
            Iterator<?> actualElements = a.iterator();
            for (Object element : e) {
                if (!same(element, actualElements.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(expected, actual);
    }

    /**
     * What {@code expected} finds wrong with {@code message}: one entry per expected field that is
     * missing ({@code no field total}) or different ({@code total=10 (expected 12.5)}). Structural
     * fields ({@code task_level}, {@code action_status}, ...) and global fields count as fields.
     * Names are taken in alphabetical order.
     */
    public static List<String> mismatches(MessageRecord message, Map<String, ?> expected) {
        Map<String, Object> actual = message.toMap();
        List<String> problems = new ArrayList<>(2);
        sorted(expected).forEach((name, value) -> {
            if (!actual.containsKey(name)) {
                problems.add("no field " + name);
            } else if (!same(value, actual.get(name))) {
                problems.add(name + "=" + render(actual.get(name)) + " (expected " + render(value) + ")");
            }
        });
        return problems;
    }

    private static BigDecimal decimal(Number n) {
        try {
            if (n instanceof BigDecimal d) {
                return d;
            }
            if (n instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(n.toString());
            }
            return BigDecimal.valueOf(n.longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<?> elements(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        return null;
    }
}
