package io.eliot.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.eliot.core.settings.FieldRedaction;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text form of values in Eliot's own messages (the failed message in {@code
 * eliot:serialization_failure} and {@code eliot:destination_failure}, {@code toString()} of
 * messages), with the {@link FieldRedaction} in force applied, like {@code String.valueOf} of
 * maps ({@code {name=value, ...}}) and lists ({@code [a, b]}).
 *
 * <p>Maps, collections, arrays and {@code Optional}s are walked, and the value of a matching key
 * is {@value FieldRedaction#REDACTED}. While a redaction is in force, no {@code toString()} of an
 * application object is called, since it may print a redacted property: records and beans are shown
 * as Jackson writes them (redacted by property name, as in the line); a record or bean Jackson
 * cannot write is shown property by property, a property that cannot be read marked as such; an
 * object with no properties is shown only by its class. Without redaction, such objects show their
 * {@code toString()}.
 *
 * <p>The values found under redacted names are kept, so {@link #scrub} can remove them from free
 * text about the same value, such as an exception's message or stack trace.
 */
public final class RedactedText {

    /** The text stops after about this many characters, with a marker. */
    static final int MAX_CHARS = 65_536;

    /** Secrets shorter than this are not removed from free text: they would match by chance. */
    static final int MIN_SCRUBBED = 4;

    private static final int MAX_DEPTH = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Classes whose {@code toString()} is the JDK's own and prints nothing but the value. */
    private static final Set<Class<?>> PLAIN = Set.of(
            Boolean.class,
            Character.class,
            Byte.class,
            Short.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class,
            BigInteger.class,
            BigDecimal.class,
            UUID.class);

    private final FieldRedaction redaction;
    private final boolean redacting;
    private final StringBuilder out = new StringBuilder(128);
    private final Set<String> secrets = new HashSet<>();
    private boolean cut;

    private RedactedText(FieldRedaction redaction) {
        this.redaction = redaction;
        this.redacting = redaction != FieldRedaction.NONE;
    }

    /** The text of {@code value} under the redaction in force. Never throws but {@code Error}s. */
    public static RedactedText of(Object value) {
        RedactedText text = new RedactedText(FieldRedaction.current());
        text.append(value, 0);
        return text;
    }

    /** The text. */
    public String text() {
        return cut ? out + "... (cut at " + MAX_CHARS + " characters)" : out.toString();
    }

    /**
     * {@code freeText} with every value found under a redacted name in the walked value (of at
     * least {@value #MIN_SCRUBBED} characters) replaced by {@value FieldRedaction#REDACTED}.
     */
    public String scrub(String freeText) {
        if (secrets.isEmpty() || freeText == null) {
            return freeText;
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String scrubbed = freeText;
        for (String secret : longestFirst) {
            scrubbed = scrubbed.replace(secret, FieldRedaction.REDACTED);
        }
        return scrubbed;
    }

    private boolean full() {
        if (out.length() > MAX_CHARS) {
            cut = true;
        }
        return cut;
    }

    private void append(Object value, int depth) {
        if (full()) {
            return;
        }
        try {
            appendOrThrow(value, depth);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            out.append("<unreadable ")
                    .append(className(value))
                    .append(": ")
                    .append(e.getClass().getName())
                    .append('>');
        }
    }

    private void appendOrThrow(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(s);
        } else if (PLAIN.contains(value.getClass())) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            out.append(e.name());
        } else if (depth >= MAX_DEPTH) {
            out.append("... (nested deeper than ").append(MAX_DEPTH).append(" levels)");
        } else if (value instanceof Map<?, ?> map) {
            appendMap(map, depth);
        } else if (value instanceof Collection<?> collection) {
            appendElements(collection, depth);
        } else if (value instanceof Object[] array) {
            appendElements(java.util.Arrays.asList(array), depth);
        } else if (value.getClass().isArray()) {
            appendPrimitives(value);
        } else if (value instanceof Optional<?> optional) {
            if (optional.isPresent()) {
                out.append("Optional[");
                append(optional.get(), depth + 1);
                out.append(']');
            } else {
                out.append("Optional.empty");
            }
        } else if (!redacting) {
            out.append(Throwables.describe(value));
        } else {
            appendObject(value, depth);
        }
    }

    private void appendMap(Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (full()) {
                return;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            String name = Throwables.describe(e.getKey());
            out.append(name).append('=');
            appendProperty(name, e.getValue(), depth);
        }
        out.append('}');
    }

    /** A value under {@code name}: redacted (and remembered) when the name matches. */
    private void appendProperty(String name, Object value, int depth) {
        if (redaction.matches(name)) {
            out.append(FieldRedaction.REDACTED);
            remember(value, depth);
        } else {
            append(value, depth + 1);
        }
    }

    private void appendElements(Iterable<?> elements, int depth) {
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            if (full()) {
                return;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            append(element, depth + 1);
        }
        out.append(']');
    }

    private void appendPrimitives(Object array) {
        out.append('[');
        int length = Array.getLength(array);
        for (int i = 0; i < length && !full(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(Array.get(array, i));
        }
        out.append(']');
    }

    /** A record or bean, while a redaction is in force: as Jackson writes it, never its toString(). */
    private void appendObject(Object value, int depth) {
        JsonNode tree;
        try {
            tree = MAPPER.valueToTree(value);
        } catch (RuntimeException | StackOverflowError e) {
            appendReadable(value, depth, e);
            return;
        }
        if (tree.isObject()) {
            boolean record = value instanceof Record; // as a record's toString() writes it
            out.append(value.getClass().getSimpleName()).append(record ? '[' : '{');
            appendProperties(tree, depth);
            out.append(record ? ']' : '}');
        } else {
            appendTree(tree, depth);
        }
    }

    /**
     * A record or bean Jackson cannot write: the properties Jackson would write (record components,
     * public getters and fields, {@code @JsonIgnore} and {@code @JsonProperty} honoured), each read
     * on its own, so one that throws is only marked; an object without any is shown by its class.
     */
    private void appendReadable(Object value, int depth, Throwable why) {
        List<Property> properties = Property.of(value.getClass());
        if (properties.isEmpty()) {
            out.append('<')
                    .append(className(value))
                    .append(", not serializable: ")
                    .append(why.getClass().getName())
                    .append('>');
            return;
        }
        boolean record = value instanceof Record;
        out.append(value.getClass().getSimpleName()).append(record ? '[' : '{');
        for (int i = 0; i < properties.size() && !full(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Property property = properties.get(i);
            out.append(property.name()).append('=');
            Object read;
            try {
                read = property.read(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause =
                        e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
                out.append(
                        redaction.matches(property.name())
                                ? FieldRedaction.REDACTED
                                : "<unreadable: " + cause.getClass().getName() + ">");
                continue;
            }
            appendProperty(property.name(), read, depth);
        }
        out.append(record ? ']' : '}');
    }

    /** A property Jackson would write by default: its name and the member it is read from. */
    private record Property(String name, Member member) {

        static List<Property> of(Class<?> type) {
            List<Property> found = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    if (!ignored(c.getAccessor())) {
                        found.add(new Property(name(c.getAccessor(), c.getName()), c.getAccessor()));
                    }
                }
                return found;
            }
            Map<String, Property> byName = new TreeMap<>();
            for (Field f : type.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !ignored(f)) {
                    byName.put(name(f, f.getName()), new Property(name(f, f.getName()), f));
                }
            }
            for (Method m : type.getMethods()) {
                String base = getterBase(m);
                if (base != null && !ignored(m)) {
                    String name = name(m, base);
                    byName.put(name, new Property(name, m)); // a getter wins over a field, as in Jackson
                }
            }
            found.addAll(byName.values());
            return found;
        }

        /** {@code getUserName} gives {@code userName}, {@code isURL} gives {@code url}; null if no getter. */
        private static String getterBase(Method m) {
            if (Modifier.isStatic(m.getModifiers())
                    || m.getParameterCount() != 0
                    || m.getDeclaringClass() == Object.class
                    || m.getReturnType() == void.class) {
                return null;
            }
            String n = m.getName();
            String rest = n.startsWith("get") && n.length() > 3
                    ? n.substring(3)
                    : n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class
                            ? n.substring(2)
                            : null;
            if (rest == null) {
                return null;
            }
            StringBuilder lower = new StringBuilder(rest);
            for (int i = 0; i < lower.length() && Character.isUpperCase(lower.charAt(i)); i++) {
                lower.setCharAt(i, Character.toLowerCase(lower.charAt(i)));
            }
            return lower.toString();
        }

        private static boolean ignored(AnnotatedElement e) {
            JsonIgnore ignore = e.getAnnotation(JsonIgnore.class);
            return ignore != null && ignore.value();
        }

        private static String name(AnnotatedElement e, String otherwise) {
            JsonProperty renamed = e.getAnnotation(JsonProperty.class);
            return renamed != null && !renamed.value().isEmpty() ? renamed.value() : otherwise;
        }

        Object read(Object owner) throws ReflectiveOperationException {
            AccessibleObject accessible = (AccessibleObject) member;
            if (!accessible.canAccess(owner)) {
                accessible.setAccessible(true);
            }
            return member instanceof Method m ? m.invoke(owner) : ((Field) member).get(owner);
        }
    }

    private void appendTree(JsonNode node, int depth) {
        if (full()) {
            return;
        }
        if (depth >= MAX_DEPTH + 2) {
            out.append("... (nested deeper than ").append(MAX_DEPTH).append(" levels)");
        } else if (node.isObject()) {
            out.append('{');
            appendProperties(node, depth);
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : node) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendTree(element, depth + 1);
            }
            out.append(']');
        } else if (node.isNull()) {
            out.append("null");
        } else {
            out.append(node.asString());
        }
    }

    private void appendProperties(JsonNode object, int depth) {
        boolean first = true;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (full()) {
                return;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            String name = property.getKey();
            out.append(name).append('=');
            if (redaction.matches(name)) {
                out.append(FieldRedaction.REDACTED);
                remember(property.getValue(), depth);
            } else {
                appendTree(property.getValue(), depth + 1);
            }
        }
    }

    /** Keeps the text of the plain values inside a redacted value, for {@link #scrub}. */
    private void remember(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH || secrets.size() > 1_000) {
            return;
        }
        try {
            if (value instanceof JsonNode node) {
                if (node.isContainer()) {
                    for (JsonNode child : node.isObject() ? node.values() : node) {
                        remember(child, depth + 1);
                    }
                } else if (!node.isNull()) {
                    keep(node.asString());
                }
            } else if (value instanceof String s) {
                keep(s);
            } else if (value instanceof char[] chars) {
                keep(new String(chars));
            } else if (PLAIN.contains(value.getClass()) || value instanceof Enum<?>) {
                keep(value instanceof Enum<?> e ? e.name() : value.toString());
            } else if (value instanceof Map<?, ?> map) {
                for (Object v : map.values()) {
                    remember(v, depth + 1);
                }
            } else if (value instanceof Collection<?> collection) {
                for (Object v : collection) {
                    remember(v, depth + 1);
                }
            } else if (value instanceof Object[] array) {
                for (Object v : array) {
                    remember(v, depth + 1);
                }
            } else if (!value.getClass().isArray()) {
                remember((Object) MAPPER.valueToTree(value), depth + 1);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // what cannot be read cannot be quoted either
        }
    }

    private void keep(String secret) {
        if (secret.length() >= MIN_SCRUBBED) {
            secrets.add(secret);
        }
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
