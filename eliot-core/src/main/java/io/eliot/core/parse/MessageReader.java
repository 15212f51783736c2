package io.eliot.core.parse;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Turns one JSON line, or one already parsed map, into a {@link MessageRecord}. */
final class MessageReader {

    /** Thrown, and caught by the parser, for a line that is not a usable message. */
    static final class BadMessage extends Exception {
        BadMessage(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final ObjectReader MAP_READER = JsonMapper.builder().build().readerFor(Map.class);

    private MessageReader() {}

    static MessageRecord readLine(String line) throws BadMessage {
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1); // a byte order mark at the start of a file
        }
        Object value;
        try {
            value = MAP_READER.readValue(line);
        } catch (JacksonException e) {
            if (line.stripLeading().startsWith("{")) {
                throw new BadMessage("not JSON: " + shortReason(e));
            }
            throw new BadMessage(line.stripLeading().startsWith("[") ? "not a JSON object" : "not JSON");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadMessage("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return fromMap(fields, true);
    }

    /** Jackson's reason without the location it appends (the caller gives the line number). */
    private static String shortReason(JacksonException e) {
        String reason = String.valueOf(e.getOriginalMessage());
        int cut = reason.indexOf(" (start marker at");
        if (cut > 0) {
            reason = reason.substring(0, cut);
        }
        cut = reason.indexOf('\n');
        return cut > 0 ? reason.substring(0, cut) : reason;
    }

    /**
     * @param owned whether {@code message} may be changed (the structural fields are removed from
     *     it)
     */
    static MessageRecord fromMap(Map<String, ?> message, boolean owned) throws BadMessage {
        if (message == null) {
            throw new BadMessage("not a JSON object");
        }
        Object uuid = message.get(MessageRecord.TASK_UUID);
        if (!(uuid instanceof String taskUuid)) {
            throw new BadMessage(uuid == null ? "no task_uuid" : "task_uuid is not a string");
        }
        TaskLevel level = taskLevel(message.get(MessageRecord.TASK_LEVEL));
        Object ts = message.get(MessageRecord.TIMESTAMP);
        if (!(ts instanceof Number timestamp)) {
            throw new BadMessage(ts == null ? "no timestamp" : "timestamp is not a number");
        }
        double seconds = timestamp.doubleValue();
        if (!Double.isFinite(seconds)) {
            throw new BadMessage("timestamp is not a finite number");
        }
        // As Python's datetime.fromtimestamp: whole seconds, then the fraction rounded half-even.
        double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds);
        long micros = (long) whole * 1_000_000L + (long) Math.rint((seconds - whole) * 1_000_000.0);
        Object actionType = message.get(MessageRecord.ACTION_TYPE);
        Object messageType = message.get(MessageRecord.MESSAGE_TYPE);
        Map<String, Object> fields = owned ? castOwned(message) : new LinkedHashMap<>(message);
        fields.remove(MessageRecord.TASK_UUID);
        fields.remove(MessageRecord.TASK_LEVEL);
        fields.remove(MessageRecord.TIMESTAMP);
        if (actionType != null) {
            if (!(actionType instanceof String type)) {
                throw new BadMessage("action_type is not a string");
            }
            Object status = fields.remove(MessageRecord.ACTION_STATUS);
            ActionStatus actionStatus = status(status);
            fields.remove(MessageRecord.ACTION_TYPE);
            return MessageRecord.action(taskUuid, level, micros, type, actionStatus, fields);
        }
        if (messageType != null && !(messageType instanceof String)) {
            throw new BadMessage("message_type is not a string");
        }
        fields.remove(MessageRecord.MESSAGE_TYPE);
        fields.remove(MessageRecord.ACTION_TYPE);
        return MessageRecord.message(taskUuid, level, micros, (String) messageType, fields);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOwned(Map<String, ?> message) {
        return (Map<String, Object>) message;
    }

    private static ActionStatus status(Object status) throws BadMessage {
        if (status == null) {
            throw new BadMessage("action message without action_status");
        }
        if (status instanceof String s) {
            switch (s) {
                case "started":
                    return ActionStatus.STARTED;
                case "succeeded":
                    return ActionStatus.SUCCEEDED;
                case "failed":
                    return ActionStatus.FAILED;
                default:
                    break;
            }
        }
        throw new BadMessage("action_status is not started, succeeded or failed: " + status);
    }

    private static TaskLevel taskLevel(Object value) throws BadMessage {
        if (value == null) {
            throw new BadMessage("no task_level");
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new BadMessage("task_level is not a non-empty list of positive integers");
        }
        int[] path = new int[list.size()];
        for (int i = 0; i < path.length; i++) {
            Object element = list.get(i);
            if (!(element instanceof Integer || element instanceof Long || element instanceof Short)
                    || ((Number) element).longValue() < 1
                    || ((Number) element).longValue() > Integer.MAX_VALUE) {
                throw new BadMessage("task_level is not a non-empty list of positive integers");
            }
            path[i] = ((Number) element).intValue();
        }
        return TaskLevel.of(path);
    }
}
