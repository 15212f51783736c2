package io.eliot.core;

import io.eliot.core.internal.CaptureFailure;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import io.eliot.core.settings.FieldLimits;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies user-supplied fields, moving any that take a reserved name out of its way. Renaming is
 * one-to-one, so no two user names meet: a reserved name, or one that is {@code user_} (any number
 * of times) in front of a reserved name, gets one more {@code user_} in front ({@code task_uuid}
 * becomes {@code user_task_uuid}, {@code user_task_uuid} becomes {@code user_user_task_uuid}); any
 * other name is kept. Within one call, a name already taken (names that read the same, such as
 * {@code 1} and {@code "1"}, or a name given twice) keeps its first value, and the later one gets
 * {@code user_} in front until its name is free.
 */
final class UserFields {

    /** Names user fields may not take (WIRE-FORMAT.md); see the class description for the renaming. */
    static final Set<String> RESERVED = Set.of(
            "task_uuid",
            "task_level",
            "timestamp",
            "message_type",
            "action_type",
            "action_status",
            "exception",
            "reason",
            "traceback");

    static final String RENAMED_PREFIX = "user_";

    private UserFields() {}

    /**
     * A new map holding {@code fields} as they are now ({@link FieldCapture}), reserved names renamed;
     * {@code extra} is the room to leave. Values that threw while read are in its {@link
     * FieldMap#failures()}.
     */
    static FieldMap copy(Map<String, ?> fields, int extra) {
        FieldMap copy = new FieldMap((fields == null ? 0 : fields.size()) + extra);
        if (fields != null) {
            FieldCapture capture = new FieldCapture();
            try {
                fields.forEach((name, value) -> putDistinct(copy, name, capture.field(name, value)));
            } catch (RuntimeException | Error failure) { // the map itself could not be read
                Throwables.rethrowIfFatal(failure);
                putDistinct(
                        copy,
                        "fields",
                        Throwables.unreadable(failure, FieldLimits.defaults().maxStringLength()));
                copy.addFailures(List.of(new CaptureFailure("fields", failure)));
            }
            copy.addFailures(capture.failures());
            if (fields instanceof FieldMap captured) {
                copy.addFailures(captured.failures());
            }
        }
        return copy;
    }

    /** A new map holding a message's fields (named already, so kept as they are) and room for more. */
    static FieldMap extend(Map<String, Object> named, int extra) {
        FieldMap copy = new FieldMap(named.size() + extra);
        named.forEach(copy::put);
        if (named instanceof FieldMap captured) {
            copy.addFailures(captured.failures());
        }
        return copy;
    }

    /**
     * Adds one user field to {@code target}, renaming a reserved (or null) name, capturing its value
     * as it is now ({@link FieldCapture}: cut to the {@link FieldLimits} in force, redacted if asked);
     * returns the values that threw while read (empty when none did).
     */
    static List<CaptureFailure> put(Map<String, Object> target, String name, Object value) {
        FieldCapture capture = new FieldCapture();
        target.put(safeName(name), capture.field(name, value));
        return capture.failures();
    }

    /**
     * Adds a value already captured ({@link FieldCapture}) for one of several fields given in one
     * call: when {@code target} holds the name already, the earlier value keeps it and this one takes
     * the name with {@code user_} in front, as many times as it takes to be free. No value is lost.
     */
    static void putDistinct(Map<String, Object> target, String name, Object captured) {
        String free = safeName(name);
        while (target.containsKey(free)) {
            free = RENAMED_PREFIX + free;
        }
        target.put(free, captured);
    }

    /**
     * The name a user field is written under: {@code user_<name>} when {@code name} is reserved or is
     * {@code user_} in front of a reserved name, otherwise {@code name}; {@code "null"} for a null name.
     */
    static String safeName(String name) {
        if (name == null) {
            return "null";
        }
        return isReservedOrRenamed(name) ? RENAMED_PREFIX + name : name;
    }

    private static boolean isReservedOrRenamed(String name) {
        int from = 0;
        while (name.startsWith(RENAMED_PREFIX, from)) {
            from += RENAMED_PREFIX.length();
        }
        return RESERVED.contains(from == 0 ? name : name.substring(from));
    }

    /**
     * Fields from alternating names and values: {@code "key", 123, "value", "hello"}. A name that is
     * not a string is converted with {@link String#valueOf} (null to {@code "null"}); a name without a
     * value gets {@code null}; see {@link #putDistinct} for names that read the same.
     */
    static FieldMap fromPairs(Object[] keyValues) {
        if (keyValues == null) {
            return new FieldMap(0);
        }
        FieldMap fields = new FieldMap((keyValues.length + 1) / 2);
        FieldCapture capture = new FieldCapture();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = i + 1 < keyValues.length ? keyValues[i + 1] : null;
            String name = Throwables.safeToString(keyValues[i]);
            putDistinct(fields, name, capture.field(name, value));
        }
        fields.addFailures(capture.failures());
        return fields;
    }
}
