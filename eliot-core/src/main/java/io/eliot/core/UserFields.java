package io.eliot.core;

import io.eliot.core.internal.CaptureFailure;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import java.util.List;
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
                fields.forEach((name, value) -> copy.put(safeName(name), capture.field(name, value)));
            } catch (RuntimeException | Error failure) { // the map itself could not be read
                Throwables.rethrowIfFatal(failure);
                copy.put(
                        safeName("fields"),
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
        FieldCapture capture = new FieldCapture();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = i + 1 < keyValues.length ? keyValues[i + 1] : null;
            String name = Throwables.safeToString(keyValues[i]);
            fields.put(safeName(name), capture.field(name, value));
        }
        fields.addFailures(capture.failures());
        return fields;
    }
}
