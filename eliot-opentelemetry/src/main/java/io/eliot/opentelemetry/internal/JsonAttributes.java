package io.eliot.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns the fields of an encoded Eliot message (a JSON object) into OpenTelemetry attributes:
 * strings, booleans, integers and floats as themselves, objects flattened into dotted names, lists
 * of all strings, all booleans, all integers or all floats as arrays, anything else (null, an empty
 * object, any other list, an integer beyond 64 bits) as its JSON text.
 */
public final class JsonAttributes {

    private JsonAttributes() {}

    /** Adds {@code value} under {@code name}, flattening objects into {@code name.child}. */
    public static void add(AttributesBuilder out, String name, JsonNode value) {
        if (value.isObject() && !value.isEmpty()) {
            for (Map.Entry<String, JsonNode> child : value.properties()) {
                add(out, name + "." + child.getKey(), child.getValue());
            }
        } else if (value.isArray()) {
            addArray(out, name, value);
        } else if (value.isString()) {
            out.put(name, value.asString());
        } else if (value.isBoolean()) {
            out.put(name, value.booleanValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            out.put(name, value.longValue());
        } else if (value.isFloatingPointNumber()) {
            out.put(name, value.doubleValue());
        } else {
            out.put(name, value.toString()); // null, {}, an integer beyond 64 bits
        }
    }

    private static void addArray(AttributesBuilder out, String name, JsonNode array) {
        if (array.isEmpty()) {
            out.put(AttributeKey.stringArrayKey(name), List.of());
        } else if (all(array, Kind.STRING)) {
            List<String> values = new ArrayList<>(array.size());
            array.forEach(v -> values.add(v.asString()));
            out.put(AttributeKey.stringArrayKey(name), values);
        } else if (all(array, Kind.BOOLEAN)) {
            List<Boolean> values = new ArrayList<>(array.size());
            array.forEach(v -> values.add(v.booleanValue()));
            out.put(AttributeKey.booleanArrayKey(name), values);
        } else if (all(array, Kind.LONG)) {
            List<Long> values = new ArrayList<>(array.size());
            array.forEach(v -> values.add(v.longValue()));
            out.put(AttributeKey.longArrayKey(name), values);
        } else if (all(array, Kind.DOUBLE)) {
            List<Double> values = new ArrayList<>(array.size());
            array.forEach(v -> values.add(v.doubleValue()));
            out.put(AttributeKey.doubleArrayKey(name), values);
        } else {
            out.put(name, array.toString());
        }
    }

    private enum Kind {
        STRING,
        BOOLEAN,
        LONG,
        DOUBLE
    }

    private static boolean all(JsonNode array, Kind kind) {
        for (JsonNode v : array) {
            boolean ok = switch (kind) {
                case STRING -> v.isString();
                case BOOLEAN -> v.isBoolean();
                case LONG -> v.isIntegralNumber() && v.canConvertToLong();
                case DOUBLE -> v.isFloatingPointNumber();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
