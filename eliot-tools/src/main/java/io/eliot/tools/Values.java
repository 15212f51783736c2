package io.eliot.tools;

import tools.jackson.databind.json.JsonMapper;

/** Field values as text: strings as they are, anything else in its JSON form. */
final class Values {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
