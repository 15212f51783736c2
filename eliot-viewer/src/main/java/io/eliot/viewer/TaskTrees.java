package io.eliot.viewer;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsed tasks as the JSON the viewer draws: the same shape in the HTML file written by {@code
 * eliot-tools html} and in a running application's {@code eliot} Actuator endpoint.
 *
 * <p>A task: {@code task_uuid}, {@code complete}, {@code message_count}, {@code type} (the root
 * action's type, or the message type of a task that is one message), {@code status} (the root
 * action's {@code started}/{@code succeeded}/{@code failed}; {@code null} for a message),
 * {@code start} (earliest timestamp, seconds since the epoch), {@code duration} (the root action's,
 * seconds; {@code null} unless it finished) and {@code root}.
 *
 * <p>A node is an action ({@code kind: "action"}: {@code level} (its own level, {@code "/"} for a
 * task's root, {@code "/2"} for the action whose start message is at {@code [2, 1]}),
 * {@code action_type}, {@code status}, {@code start}, {@code end}, {@code duration} (each {@code
 * null} when the message is missing), {@code start_fields}, {@code end_fields}, {@code exception}
 * and {@code reason} of a failure, {@code missing} (levels the log lost) and {@code children}) or a
 * message ({@code kind: "message"}: {@code level} (its own, {@code "/3"}), {@code message_type},
 * {@code timestamp}, {@code fields}). Fields hold each message's own and global fields as logged.
 */
public final class TaskTrees {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskTrees() {}

    /** The task as a JSON-ready map (maps, lists, strings, numbers, booleans, nulls). */
    public static Map<String, Object> toMap(ParsedTask task) {
        Map<String, Object> map = summary(task);
        map.put("root", node(task.root()));
        return map;
    }

    /** The task without its tree: everything {@link #toMap} has but {@code root}. */
    public static Map<String, Object> summary(ParsedTask task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task_uuid", task.taskUuid());
        map.put("complete", task.complete());
        map.put("message_count", task.messageCount());
        if (task.root() instanceof ParsedAction action) {
            map.put("type", action.actionType());
            map.put("status", action.status().map(ActionStatus::wireName).orElse(null));
            map.put("start", earliest(action));
            map.put("duration", seconds(action));
        } else {
            MessageRecord message = ((ParsedMessage) task.root()).message();
            map.put("type", message.messageType());
            map.put("status", null);
            map.put("start", message.timestamp());
            map.put("duration", null);
        }
        return map;
    }

    /** The task as one line of compact JSON (no line breaks inside). */
    public static String toJson(ParsedTask task) {
        return JSON.writeValueAsString(toMap(task));
    }

    private static Map<String, Object> node(TaskNode node) {
        return node instanceof ParsedAction action ? action(action) : message(((ParsedMessage) node).message());
    }

    private static Map<String, Object> action(ParsedAction action) {
        MessageRecord start = action.startMessage().orElse(null);
        MessageRecord end = action.endMessage().orElse(null);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", "action");
        map.put("level", action.taskLevel().toPath());
        map.put("action_type", action.actionType());
        map.put("status", action.status().map(ActionStatus::wireName).orElse(null));
        map.put("start", start == null ? null : start.timestamp());
        map.put("end", end == null ? null : end.timestamp());
        map.put("duration", seconds(action));
        map.put("start_fields", start == null ? Map.of() : fields(start));
        Map<String, Object> endFields = end == null ? new LinkedHashMap<>() : fields(end);
        if (end != null && end.actionStatus() == ActionStatus.FAILED) {
            map.put("exception", endFields.remove("exception"));
            map.put("reason", endFields.remove("reason"));
        }
        map.put("end_fields", endFields);
        List<String> missing = new ArrayList<>();
        for (TaskLevel level : action.missingChildLevels()) {
            missing.add(level.toPath());
        }
        map.put("missing", missing);
        List<Map<String, Object>> children = new ArrayList<>(action.children().size());
        for (TaskNode child : action.children()) {
            children.add(node(child));
        }
        map.put("children", children);
        return map;
    }

    private static Map<String, Object> message(MessageRecord message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", "message");
        map.put("level", message.taskLevel().toPath());
        map.put("message_type", message.messageType());
        map.put("timestamp", message.timestamp());
        map.put("fields", fields(message));
        return map;
    }

    private static Map<String, Object> fields(MessageRecord message) {
        Map<String, Object> fields = new LinkedHashMap<>(message.fields());
        message.globalFields().forEach(fields::putIfAbsent);
        return fields;
    }

    private static Double seconds(ParsedAction action) {
        return action.durationMicros().isPresent() ? action.durationMicros().getAsLong() / 1e6 : null;
    }

    private static Double earliest(ParsedAction action) {
        Double earliest = action.startMessage().map(MessageRecord::timestamp).orElse(null);
        for (TaskNode child : action.children()) {
            Double t = child instanceof ParsedAction a
                    ? earliest(a)
                    : ((ParsedMessage) child).message().timestamp();
            if (t != null && (earliest == null || t < earliest)) {
                earliest = t;
            }
        }
        if (earliest == null) {
            earliest = action.endMessage().map(MessageRecord::timestamp).orElse(null);
        }
        return earliest;
    }
}
