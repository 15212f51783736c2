package io.eliot.opentelemetry;

import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an Eliot message and an OpenTelemetry log record written by {@link OpenTelemetryDestination}
 * stand for each other, both ways; the names of the attributes, and {@link #toMessage} to rebuild the
 * message from what a collector stored. Uses no OpenTelemetry type, so readers of stored records
 * (such as eliot-tools) need no OpenTelemetry library.
 *
 * <table>
 *   <caption>A message as a log record</caption>
 *   <tr><td>event name</td><td>{@code message_type}, or {@code action_type} for an action message;
 *       none for a message without a type (readers fall back on the body if a pipeline dropped
 *       it)</td></tr>
 *   <tr><td>{@value #TASK_UUID}</td><td>{@code task_uuid}</td></tr>
 *   <tr><td>{@value #TASK_LEVEL}</td><td>{@code task_level} as a path: {@code [3, 2]} is {@code
 *       "/3/2"}</td></tr>
 *   <tr><td>{@value #ACTION_STATUS}</td><td>{@code started}, {@code succeeded} or {@code failed};
 *       only on action messages</td></tr>
 *   <tr><td>timestamp</td><td>{@code timestamp} (microseconds)</td></tr>
 *   <tr><td>severity</td><td>ERROR for a failed action's end and for {@code eliot:traceback}, INFO
 *       otherwise</td></tr>
 *   <tr><td>body</td><td>the type, and for an action message its status: {@code "checkout
 *       failed"}</td></tr>
 *   <tr><td>other attributes</td><td>every other field of the message (global fields included), as
 *       the JSON line has it: strings, booleans, integers and floats as themselves; objects flattened
 *       into dotted names ({@code {"user": {"id": 7}}} is {@code user.id = 7}); a list of all strings,
 *       all booleans, all integers or all floats as an array; anything else (null, an empty object, a
 *       mixed list or a list of objects, an integer beyond 64 bits) as its JSON text, a string</td></tr>
 * </table>
 *
 * <p>So a message comes back as it was logged, except that a field name with a dot comes back as
 * nested objects, the values written as JSON text come back as strings, and fields come in the
 * order of the attributes (the SDK sorts them by name). The SDK's limits apply ({@code LogLimits}:
 * by default at most 128 attributes per record, the last ones by name dropped); the {@code eliot.*}
 * attributes are set first and so are always kept.
 */
public final class EliotLogRecords {

    /** The attribute holding {@code task_uuid}. */
    public static final String TASK_UUID = "eliot.task_uuid";

    /** The attribute holding {@code task_level} as a path, e.g. {@code "/3/2"}. */
    public static final String TASK_LEVEL = "eliot.task_level";

    /** The attribute holding {@code action_status}, on action messages only. */
    public static final String ACTION_STATUS = "eliot.action_status";

    /**
     * The attribute ({@code true}) of an action span ended before its action finished: more spans
     * were open than the destination keeps, or it was closed.
     */
    public static final String UNFINISHED = "eliot.unfinished";

    /** The name of the instrumentation scope of the log records and spans Eliot writes. */
    public static final String INSTRUMENTATION_SCOPE = "io.eliot";

    private EliotLogRecords() {}

    /**
     * The Eliot message a log record stands for, keyed by wire names as in a JSON line ({@code
     * task_level} a list of integers, {@code timestamp} in seconds), or empty if the record has no
     * {@value #TASK_UUID} or {@value #TASK_LEVEL} and so was not written by Eliot.
     *
     * @param eventName the record's event name, or {@code null}
     * @param epochNanos the record's timestamp in nanoseconds since the Unix epoch
     * @param attributes the record's attributes: strings, booleans, integral numbers, floating-point
     *     numbers, and lists of these
     */
    public static Optional<Map<String, Object>> toMessage(
            String eventName, long epochNanos, Map<String, ?> attributes) {
        return toMessage(eventName, null, epochNanos, attributes);
    }

    /**
     * Like {@link #toMessage(String, long, Map)}, taking the type from the record's body when it has
     * no event name (a pipeline that dropped it): the body without the status of an action message.
     *
     * @param body the record's body if it is a string, or {@code null}
     */
    public static Optional<Map<String, Object>> toMessage(
            String eventName, String body, long epochNanos, Map<String, ?> attributes) {
        if (!(attributes.get(TASK_UUID) instanceof String taskUuid)
                || !(attributes.get(TASK_LEVEL) instanceof String path)) {
            return Optional.empty();
        }
        List<Integer> level = parsePath(path);
        if (level == null) {
            return Optional.empty();
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(MessageRecord.TASK_UUID, taskUuid);
        message.put(MessageRecord.TASK_LEVEL, level);
        message.put(MessageRecord.TIMESTAMP, Math.floorDiv(epochNanos, 1000L) / 1_000_000.0);
        Object status = attributes.get(ACTION_STATUS);
        if ((eventName == null || eventName.isEmpty()) && body != null) {
            eventName = typeFromBody(body, status);
        }
        if (status != null) {
            message.put(MessageRecord.ACTION_TYPE, eventName);
            message.put(MessageRecord.ACTION_STATUS, status);
        } else if (eventName != null && !eventName.isEmpty()) {
            message.put(MessageRecord.MESSAGE_TYPE, eventName);
        }
        attributes.forEach((name, value) -> {
            if (!name.equals(TASK_UUID) && !name.equals(TASK_LEVEL) && !name.equals(ACTION_STATUS)) {
                put(message, name, value);
            }
        });
        return Optional.of(message);
    }

    /** The type in a body written by {@link #body}: all of it, or for an action all but the status. */
    static String typeFromBody(String body, Object status) {
        if (status == null) {
            return body;
        }
        String suffix = " " + status;
        return body.endsWith(suffix) ? body.substring(0, body.length() - suffix.length()) : body;
    }

    /** {@code "/3/2"} as {@code [3, 2]}; {@code null} if it is not such a path. */
    static List<Integer> parsePath(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        List<Integer> level = new ArrayList<>();
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

    /** Puts {@code value} at the dotted {@code name}, making the objects on its way. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> message, String name, Object value) {
        Map<String, Object> target = message;
        int start = 0;
        for (int dot = name.indexOf('.'); dot > start; dot = name.indexOf('.', start)) {
            String part = name.substring(start, dot);
            Object existing = target.get(part);
            if (!(existing instanceof Map)) {
                existing = new LinkedHashMap<String, Object>();
                target.put(part, existing);
            }
            target = (Map<String, Object>) existing;
            start = dot + 1;
        }
        target.put(name.substring(start), value);
    }

    /** The body of the log record for {@code message}: its type, and for an action message its status. */
    static String body(MessageRecord message) {
        String type = message.type();
        if (message.isAction()) {
            return type + " " + message.actionStatus().wireName();
        }
        return type == null ? "" : type;
    }
}
