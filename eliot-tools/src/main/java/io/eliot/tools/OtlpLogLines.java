package io.eliot.tools;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads OpenTelemetry log records stored as OTLP JSON, as an OpenTelemetry Collector's file exporter
 * writes them (one {@code {"resourceLogs": [...]}} object per line), so the tools render the Eliot
 * messages that eliot-opentelemetry's destination sent as log records: each record with the
 * attributes {@code eliot.task_uuid} and {@code eliot.task_level} becomes the message it stands for
 * (the mapping of {@code io.eliot.opentelemetry.EliotLogRecords}), handed on as a JSON line; other
 * records are skipped. Every other line is handed on as it is.
 */
final class OtlpLogLines implements Command {

    private static final String TASK_UUID = "eliot.task_uuid",
            TASK_LEVEL = "eliot.task_level",
            ACTION_STATUS = "eliot.action_status";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Command next;

    OtlpLogLines(Command next) {
        this.next = next;
    }

    /** Whether {@code line} is an OTLP JSON {@code LogsData} object, by its first member. */
    static boolean isOtlpLogs(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.startsWith("{\"resourceLogs\"", i);
    }

    @Override
    public void accept(String line, String source, long number) {
        if (!isOtlpLogs(line)) {
            next.accept(line, source, number);
            return;
        }
        JsonNode data;
        try {
            data = JSON.readTree(line);
        } catch (JacksonException e) {
            next.accept(line, source, number); // the parser reports it as the line it is
            return;
        }
        for (JsonNode resource : data.path("resourceLogs")) {
            for (JsonNode scope : resource.path("scopeLogs")) {
                for (JsonNode record : scope.path("logRecords")) {
                    ObjectNode message = toMessage(record);
                    if (message != null) {
                        next.accept(JSON.writeValueAsString(message), source, number);
                    }
                }
            }
        }
    }

    @Override
    public void finish() {
        next.finish();
    }

    /** The Eliot message {@code record} stands for, or {@code null} if Eliot did not write it. */
    static ObjectNode toMessage(JsonNode record) {
        ObjectNode attributes = NODES.objectNode();
        for (JsonNode kv : record.path("attributes")) {
            attributes.set(kv.path("key").asString(), value(kv.path("value")));
        }
        JsonNode uuid = attributes.remove(TASK_UUID);
        JsonNode path = attributes.remove(TASK_LEVEL);
        JsonNode status = attributes.remove(ACTION_STATUS);
        if (uuid == null || !uuid.isString() || path == null || !path.isString()) {
            return null;
        }
        ArrayNode level = level(path.asString());
        if (level == null) {
            return null;
        }
        long nanos = nanos(record.path("timeUnixNano"));
        if (nanos == 0) {
            nanos = nanos(record.path("observedTimeUnixNano"));
        }
        ObjectNode message = NODES.objectNode();
        message.set("task_uuid", uuid);
        message.set("task_level", level);
        message.put("timestamp", Math.floorDiv(nanos, 1000L) / 1_000_000.0);
        String eventName = record.path("eventName").asString("");
        JsonNode body = record.path("body").path("stringValue");
        if (eventName.isEmpty() && body.isString()) {
            // A pipeline that dropped the event name: the body is the type, and the status of an action
            eventName = body.asString();
            String suffix = status == null ? null : " " + status.asString();
            if (suffix != null && eventName.endsWith(suffix)) {
                eventName = eventName.substring(0, eventName.length() - suffix.length());
            }
        }
        if (status != null) {
            message.put("action_type", eventName);
            message.set("action_status", status);
        } else if (!eventName.isEmpty()) {
            message.put("message_type", eventName);
        }
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            put(message, attribute.getKey(), attribute.getValue());
        }
        return message;
    }

    /** An OTLP JSON {@code AnyValue} as plain JSON. */
    private static JsonNode value(JsonNode any) {
        Iterator<Map.Entry<String, JsonNode>> members = any.properties().iterator();
        if (!members.hasNext()) {
            return NODES.nullNode();
        }
        Map.Entry<String, JsonNode> member = members.next();
        JsonNode v = member.getValue();
        return switch (member.getKey()) {
            case "intValue" -> v.isString() ? NODES.numberNode(Long.parseLong(v.asString())) : v;
            case "doubleValue" -> v.isString() ? NODES.numberNode(Double.parseDouble(v.asString())) : v;
            case "arrayValue" -> {
                ArrayNode array = NODES.arrayNode();
                v.path("values").forEach(element -> array.add(value(element)));
                yield array;
            }
            case "kvlistValue" -> {
                ObjectNode object = NODES.objectNode();
                v.path("values").forEach(kv -> object.set(kv.path("key").asString(), value(kv.path("value"))));
                yield object;
            }
            default -> v; // stringValue, boolValue, bytesValue (base64 text)
        };
    }

    /** {@code "/3/2"} as {@code [3, 2]}; {@code null} if it is not such a path. */
    private static ArrayNode level(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        ArrayNode level = NODES.arrayNode();
        if (path.length() == 1) {
            return level;
        }
        for (String part : path.substring(1).split("/", -1)) {
            try {
                int n = Integer.parseInt(part);
                if (n < 1) {
                    return null;
                }
                level.add(n);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return level;
    }

    private static long nanos(JsonNode time) {
        try {
            return time.isString() ? Long.parseLong(time.asString()) : time.asLong(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Puts {@code value} at the dotted {@code name}, making the objects on its way. */
    private static void put(ObjectNode message, String name, JsonNode value) {
        ObjectNode target = message;
        int start = 0;
        for (int dot = name.indexOf('.'); dot > start; dot = name.indexOf('.', start)) {
            String part = name.substring(start, dot);
            ObjectNode object = target.get(part) instanceof ObjectNode existing ? existing : null;
            if (object == null) {
                object = NODES.objectNode();
                target.set(part, object);
            }
            target = object;
            start = dot + 1;
        }
        target.set(name.substring(start), value);
    }
}
