package io.eliot.core;

import io.eliot.core.internal.FieldMap;
import java.util.Map;
import java.util.Set;

/** Copies user-supplied fields, moving any that take a reserved name out of its way. */
final class UserFields {

    /** Names user fields may not take (WIRE-FORMAT.md); such a field is kept as {@code user_<name>}. */
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

    /** A new map holding {@code fields}, reserved names renamed; {@code extra} is the room to leave. */
    static FieldMap copy(Map<String, ?> fields, int extra) {
        FieldMap copy = new FieldMap((fields == null ? 0 : fields.size()) + extra);
        if (fields != null) {
            fields.forEach((name, value) -> put(copy, name, value));
        }
        return copy;
    }

    /**
     * Adds one user field to {@code target}, renaming a reserved (or null) name, cutting its value to
     * the {@link FieldLimits} in force and redacting it if asked.
     */
    static void put(Map<String, Object> target, String name, Object value) {
        FieldRedaction redaction = FieldRedaction.current();
        Object limited = FieldLimits.defaults().cut(value);
        target.put(safeName(name), redaction == FieldRedaction.NONE ? limited : redaction.apply(name, limited));
    }

    /** {@code name}, or {@code user_<name>} when it is reserved; {@code "null"} for a null name. */
    static String safeName(String name) {
        if (name == null) {
            return "null";
        }
        return RESERVED.contains(name) ? RENAMED_PREFIX + name : name;
    }

    /**
     * Fields from alternating names and values: {@code "key", 123, "value", "hello"}. A name that is
     * not a string is converted with {@link String#valueOf}; a name without a value gets {@code null}.
     */
    static FieldMap fromPairs(Object[] keyValues) {
        if (keyValues == null) {
            return new FieldMap(0);
        }
        FieldMap fields = new FieldMap((keyValues.length + 1) / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = i + 1 < keyValues.length ? keyValues[i + 1] : null;
            put(fields, String.valueOf(keyValues[i]), value);
        }
        return fields;
    }
}
