package io.eliot.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Turns the fields of an encoded Eliot message (a JSON object) into OpenTelemetry attributes:
 * strings, booleans, integers and floats as themselves, objects flattened into dotted names, lists
 * of all strings, all booleans, all integers or all floats as arrays, anything else (null, an empty
 * object, any other list, an integer beyond 64 bits) as its JSON text.
 */
public final class JsonAttributes {

    private JsonAttributes() {}

    /**
     * Adds the members of the JSON object {@code parser} is about to read (its next token is {@code
     * START_OBJECT}) except those named in {@code skip}, streaming: only lists are read as trees.
     */
    public static void addObject(AttributesBuilder out, JsonParser parser, Set<String> skip) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            if (skip.contains(name)) {
                parser.skipChildren();
            } else {
                addValue(out, name, parser, token);
            }
        }
    }

    /** Adds the value whose first token {@code parser} has just read. */
    private static void addValue(AttributesBuilder out, String name, JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                String child = parser.nextName();
                if (child == null) {
                    out.put(name, "{}");
                    return;
                }
                for (; child != null; child = parser.nextName()) {
                    addValue(out, name + "." + child, parser, parser.nextToken());
                }
            }
            case START_ARRAY -> addArray(out, name, parser.readValueAsTree());
            case VALUE_STRING -> out.put(name, parser.getString());
            case VALUE_TRUE -> out.put(name, true);
            case VALUE_FALSE -> out.put(name, false);
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    out.put(name, parser.getString()); // beyond 64 bits
                } else {
                    out.put(name, parser.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> out.put(name, parser.getDoubleValue());
            default -> out.put(name, "null"); // VALUE_NULL
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
