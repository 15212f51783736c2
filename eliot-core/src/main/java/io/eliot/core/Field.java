package io.eliot.core;

import io.eliot.core.record.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A documented, validated message field: its name, a description, what values it accepts and how
 * a value becomes JSON.
 *
 * <pre>{@code
 * static final Field COUNT = Field.forTypes("count", "The number of items.", Integer.class, Long.class);
 * static final Field LOCATION = Field.of("location", Point.class, p -> List.of(p.x(), p.y()), "The location.");
 * }</pre>
 *
 * <p>Immutable. The serializer runs when the message is encoded (on the writer's thread for an
 * asynchronous destination); validation runs only when a test asks for it.
 */
public final class Field {

    private final String name;
    private final String description;
    private final Function<Object, Object> serializer;
    private final Predicate<Object> accepts;
    private final String accepted;

    private Field(
            String name,
            String description,
            Function<Object, Object> serializer,
            Predicate<Object> accepts,
            String accepted) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.serializer = serializer;
        this.accepts = accepts;
        this.accepted = accepted;
    }

    /** A field taking any value Jackson can serialize, written as it is. */
    public static Field of(String name, String description) {
        return new Field(name, description, Function.identity(), v -> true, "any value");
    }

    /**
     * A field taking values of {@code type} (or null), written as {@code serializer} turns them into
     * JSON-able values.
     */
    @SuppressWarnings("unchecked")
    public static <T> Field of(String name, Class<T> type, Function<? super T, ?> serializer, String description) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serializer, "serializer");
        return new Field(
                name,
                description,
                v -> v == null ? null : ((Function<Object, Object>) serializer).apply(type.cast(v)),
                v -> v == null || type.isInstance(v),
                "a " + type.getName() + " or null");
    }

    /**
     * A field taking values that are instances of one of {@code types}, written as they are; a
     * {@code null} element among {@code types} allows null values.
     */
    public static Field forTypes(String name, String description, Class<?>... types) {
        List<Class<?>> list = Arrays.asList(types.clone());
        boolean nullable = list.contains(null);
        List<Class<?>> classes = list.stream().filter(Objects::nonNull).toList();
        String accepted = classes.stream().map(Class::getName).toList() + (nullable ? " or null" : "");
        return new Field(
                name,
                description,
                Function.identity(),
                v -> v == null ? nullable : classes.stream().anyMatch(c -> c.isInstance(v)),
                "an instance of " + accepted);
    }

    /** A field that must always have exactly {@code value}. */
    public static Field forValue(String name, Object value, String description) {
        return new Field(name, description, Function.identity(), v -> Objects.equals(v, value), "exactly " + value);
    }

    /** This field with an extra check on input values; {@code problem} says what a rejected value lacks. */
    public Field withValidator(Predicate<Object> check, String problem) {
        Objects.requireNonNull(check, "check");
        return new Field(
                name, description, serializer, v -> accepts.test(v) && check.test(v), accepted + ", " + problem);
    }

    /** The field's name in messages. */
    public String name() {
        return name;
    }

    /** What the field means. */
    public String description() {
        return description;
    }

    /** The JSON-able form of {@code value}. */
    public Object serialize(Object value) {
        return serializer.apply(value);
    }

    /**
     * Checks {@code value}: it must be accepted and serialize without error.
     *
     * @throws ValidationException naming the field and the problem
     */
    public void validate(Object value) {
        boolean ok;
        try {
            ok = accepts.test(value);
        } catch (RuntimeException e) {
            throw new ValidationException("field '" + name + "': its validator threw " + e, e);
        }
        if (!ok) {
            throw new ValidationException("field '" + name + "' must be " + accepted + ", was "
                    + (value == null ? "null" : value.getClass().getName() + " " + value));
        }
        try {
            serialize(value);
        } catch (RuntimeException e) {
            throw new ValidationException("field '" + name + "': its serializer failed on " + value + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "Field[" + name + ": " + description + "]";
    }
}
