package io.eliot.tools;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Field values as text: strings as they are, anything else in its JSON form (control characters
 * escaped as Python's {@code json.dumps} does, {@code \u001b}).
 */
final class Values {

    private static final JsonMapper JSON =
            JsonMapper.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    private Values() {}

    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return json(value);
    }

    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        return JSON.writeValueAsString(value);
    }
}
