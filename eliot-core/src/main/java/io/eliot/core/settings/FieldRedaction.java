package io.eliot.core.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Field names whose values never reach a log: the value of a matching field, at any depth of a
 * map, is replaced by {@value #REDACTED} when the message is logged, before any destination sees
 * it. Names match case-insensitively against globs ({@code *} any characters, {@code ?} one).
 *
 * <pre>{@code
 * Eliot.setFieldRedaction(FieldRedaction.of(List.of("password", "*token*", "authorization")));
 * }</pre>
 *
 * <p>Immutable and thread-safe. By default nothing is redacted.
 */
public final class FieldRedaction {

    /** The value that replaces a redacted one. */
    public static final String REDACTED = "<redacted>";

    /** Redacts nothing. */
    public static final FieldRedaction NONE = new FieldRedaction(List.of());

    private static final int CACHE_LIMIT = 10_000;

    private static volatile FieldRedaction current = NONE;

    private final List<String> globs;
    private final List<Pattern> patterns;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    private FieldRedaction(List<String> globs) {
        this.globs = List.copyOf(globs);
        List<Pattern> compiled = new ArrayList<>(globs.size());
        for (String glob : globs) {
            compiled.add(toPattern(glob));
        }
        this.patterns = compiled;
    }

    /**
     * Redaction of the fields named by {@code globs}.
     *
     * @throws IllegalArgumentException if a glob is null or blank
     */
    public static FieldRedaction of(Collection<String> globs) {
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException("a redacted field name must not be blank: " + globs);
            }
        }
        return globs.isEmpty() ? NONE : new FieldRedaction(new ArrayList<>(globs));
    }

    /** The redaction in force for every message. */
    public static FieldRedaction current() {
        return current;
    }

    /** Makes {@code redaction} the one in force for every message logged from now on. */
    public static void setCurrent(FieldRedaction redaction) {
        current = Objects.requireNonNull(redaction, "redaction");
    }

    private static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** The globs, as given. */
    public List<String> globs() {
        return globs;
    }

    /** Whether a field named {@code name} is redacted. */
    public boolean matches(String name) {
        if (patterns.isEmpty() || name == null) {
            return false;
        }
        Boolean known = cache.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean result = false;
        for (Pattern p : patterns) {
            if (p.matcher(lower).matches()) {
                result = true;
                break;
            }
        }
        if (cache.size() < CACHE_LIMIT) {
            cache.put(name, result);
        }
        return result;
    }

    /**
     * The value to log for field {@code name}: {@value #REDACTED} when the name matches; for a map,
     * collection or array, a copy with matching map keys redacted at any depth (maps inside lists
     * included); otherwise {@code value} itself. Other objects (records, beans) are redacted by
     * property name when they are encoded as JSON.
     */
    public Object apply(String name, Object value) {
        if (patterns.isEmpty()) {
            return value;
        }
        if (matches(name)) {
            return REDACTED;
        }
        return redactValue(value, 0);
    }

    private Object redactValue(Object value, int depth) {
        if (depth > FieldLimits.MAX_DEPTH) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap(map, depth);
        }
        if (value instanceof Collection<?> collection) {
            return redactElements(collection, depth, value);
        }
        if (value instanceof Object[] array) {
            return redactElements(java.util.Arrays.asList(array), depth, value);
        }
        return value;
    }

    private Object redactElements(Collection<?> elements, int depth, Object original) {
        List<Object> copy = new ArrayList<>(elements.size());
        boolean changed = false;
        for (Object element : elements) {
            Object redacted = redactValue(element, depth + 1);
            changed |= redacted != element;
            copy.add(redacted);
        }
        return changed ? copy : original;
    }

    private Object redactMap(Map<?, ?> map, int depth) {
        Map<Object, Object> copy = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object value = e.getValue();
            Object redacted = matches(String.valueOf(e.getKey())) ? REDACTED : redactValue(value, depth + 1);
            if (redacted != value && copy == null) {
                copy = new LinkedHashMap<>(map);
            }
            if (copy != null) {
                copy.put(e.getKey(), redacted);
            }
        }
        return copy == null ? map : copy;
    }

    @Override
    public String toString() {
        return "FieldRedaction" + globs;
    }
}
