package io.eliot.core;

import io.eliot.core.record.ValidationException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A declared set of fields, by name; shared by the message and action types. */
final class Fields {

    private final Map<String, Field> byName;

    Fields(Collection<Field> fields) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : fields) {
            if (map.put(f.name(), f) != null) {
                throw new IllegalArgumentException("field '" + f.name() + "' is declared twice");
            }
        }
        this.byName = Map.copyOf(map);
    }

    Field get(String name) {
        return byName.get(name);
    }

    Collection<Field> all() {
        return byName.values();
    }

    Object serialize(String name, Object value) {
        Field f = byName.get(name);
        return f == null ? value : f.serialize(value);
    }

    /** Every declared field present and valid; with {@code exact}, no other field. */
    void validate(String what, Map<String, Object> fields, boolean exact) {
        for (Field f : byName.values()) {
            if (!fields.containsKey(f.name())) {
                throw new ValidationException(what + ": missing field '" + f.name() + "' (" + f.description() + ")");
            }
            try {
                f.validate(fields.get(f.name()));
            } catch (ValidationException e) {
                throw new ValidationException(what + ": " + e.getMessage(), e);
            }
        }
        if (exact) {
            for (String name : fields.keySet()) {
                if (!byName.containsKey(name)) {
                    throw new ValidationException(what + ": unexpected field '" + name + "'");
                }
            }
        }
    }
}
