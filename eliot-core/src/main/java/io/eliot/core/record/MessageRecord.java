package io.eliot.core.record;

import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One logged message, as destinations receive it: the fields every Eliot message has
 * ({@code task_uuid}, {@code task_level}, {@code timestamp}), its kind (a standalone message with a
 * {@code message_type}, or an action message with {@code action_type} and {@code action_status}),
 * the fields it was logged with, and the global fields in force when it was logged.
 *
 * <p>Immutable once created; the field maps are unmodifiable. Field values are what the
 * application logged; they become JSON only when a destination encodes them. A message logged
 * through a {@link io.eliot.core.MessageType} or {@link io.eliot.core.ActionType} keeps
 * its {@link #schema()}, which serializes and validates its fields.
 */
public final class MessageRecord {

    /** Field names that hold the structure of a message and are never user fields. */
    public static final String TASK_UUID = "task_uuid",
            TASK_LEVEL = "task_level",
            TIMESTAMP = "timestamp",
            MESSAGE_TYPE = "message_type",
            ACTION_TYPE = "action_type",
            ACTION_STATUS = "action_status";

    private final String taskUuid;
    private final TaskLevel taskLevel;
    private final long timestampMicros;
    private final String messageType;
    private final String actionType;
    private final ActionStatus actionStatus;
    private final Map<String, Object> fields;
    private final Map<String, Object> globalFields;
    private final MessageSchema schema;

    private MessageRecord(
            String taskUuid,
            TaskLevel taskLevel,
            long timestampMicros,
            String messageType,
            String actionType,
            ActionStatus actionStatus,
            Map<String, Object> fields,
            Map<String, Object> globalFields,
            MessageSchema schema) {
        this.taskUuid = Objects.requireNonNull(taskUuid, "taskUuid");
        this.taskLevel = Objects.requireNonNull(taskLevel, "taskLevel");
        this.timestampMicros = timestampMicros;
        this.messageType = messageType;
        this.actionType = actionType;
        this.actionStatus = actionStatus;
        this.fields = fields;
        this.globalFields = globalFields;
        this.schema = schema;
    }

    /**
     * A standalone message.
     *
     * @param messageType its {@code message_type}, or {@code null} for an untyped message
     * @param fields the other fields; copied
     */
    public static MessageRecord message(
            String taskUuid, TaskLevel taskLevel, long timestampMicros, String messageType, Map<String, ?> fields) {
        return new MessageRecord(
                taskUuid, taskLevel, timestampMicros, messageType, null, null, copy(fields), Map.of(), null);
    }

    /**
     * An action message.
     *
     * @param fields the other fields; copied
     */
    public static MessageRecord action(
            String taskUuid,
            TaskLevel taskLevel,
            long timestampMicros,
            String actionType,
            ActionStatus actionStatus,
            Map<String, ?> fields) {
        return new MessageRecord(
                taskUuid,
                taskLevel,
                timestampMicros,
                null,
                Objects.requireNonNull(actionType, "actionType"),
                Objects.requireNonNull(actionStatus, "actionStatus"),
                copy(fields),
                Map.of(),
                null);
    }

    /**
     * This message with {@code globalFields} (an immutable map the caller will not change) as its
     * global fields, replacing any it had.
     */
    public MessageRecord withGlobalFields(Map<String, Object> globalFields) {
        return new MessageRecord(
                taskUuid,
                taskLevel,
                timestampMicros,
                messageType,
                actionType,
                actionStatus,
                fields,
                Objects.requireNonNull(globalFields, "globalFields"),
                schema);
    }

    /**
     * A message or action message that takes {@code fields} and {@code globalFields} without copying
     * them: Eliot's logging path, which builds both for this record and never touches them again.
     * Whoever calls it must not change them afterwards; use {@link #message} or {@link #action}
     * otherwise.
     */
    public static MessageRecord owned(
            String taskUuid,
            TaskLevel taskLevel,
            long timestampMicros,
            String messageType,
            String actionType,
            ActionStatus actionStatus,
            Map<String, Object> fields,
            Map<String, Object> globalFields,
            MessageSchema schema) {
        return new MessageRecord(
                taskUuid,
                taskLevel,
                timestampMicros,
                messageType,
                actionType,
                actionStatus,
                fields.isEmpty()
                        ? Map.of()
                        : fields instanceof FieldMap own ? own.freeze() : Collections.unmodifiableMap(fields),
                globalFields,
                schema);
    }

    private static Map<String, Object> copy(Map<String, ?> fields) {
        return fields == null || fields.isEmpty() ? Map.of() : FieldMap.copyOf(fields);
    }

    /** The {@code task_uuid}: the task (tree) this message belongs to. */
    public String taskUuid() {
        return taskUuid;
    }

    /** The {@code task_level}: this message's position in its task's tree. */
    public TaskLevel taskLevel() {
        return taskLevel;
    }

    /** The {@code timestamp} in microseconds since the Unix epoch. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The {@code timestamp} in seconds since the Unix epoch, with microseconds. */
    public double timestamp() {
        return timestampMicros / 1_000_000.0;
    }

    /** Whether this is an action message (it has {@code action_type} and {@code action_status}). */
    public boolean isAction() {
        return actionType != null;
    }

    /** The {@code message_type} of a standalone message; {@code null} for action messages. */
    public String messageType() {
        return messageType;
    }

    /** The {@code action_type} of an action message; {@code null} for standalone messages. */
    public String actionType() {
        return actionType;
    }

    /** The {@code action_status} of an action message; {@code null} for standalone messages. */
    public ActionStatus actionStatus() {
        return actionStatus;
    }

    /** The {@code message_type} or, for an action message, the {@code action_type}. */
    public String type() {
        return actionType != null ? actionType : messageType;
    }

    /**
     * The fields this message was logged with, other than the six structural ones and the global
     * fields, in the order they were added; unmodifiable.
     */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * The global fields in force when the message was logged ({@code Eliot.addGlobalFields});
     * unmodifiable. Where a message field has the same name, the message field is written.
     */
    public Map<String, Object> globalFields() {
        return globalFields;
    }

    /** The type this message was logged through, which serializes and validates its fields. */
    public Optional<MessageSchema> schema() {
        return Optional.ofNullable(schema);
    }

    /** The value of any field by its wire name, structural ones included; {@code null} if absent. */
    public Object get(String name) {
        return switch (name) {
            case TASK_UUID -> taskUuid;
            case TASK_LEVEL -> taskLevel.toList();
            case TIMESTAMP -> timestamp();
            case MESSAGE_TYPE -> messageType;
            case ACTION_TYPE -> actionType;
            case ACTION_STATUS -> actionStatus == null ? null : actionStatus.wireName();
            default -> fields.containsKey(name) ? fields.get(name) : globalFields.get(name);
        };
    }

    /**
     * The whole message as a new mutable map keyed by wire names, as Python Eliot would see it:
     * {@code task_level} as a list of integers, {@code timestamp} as seconds, {@code action_status} as
     * its wire name, global fields included.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>((fields.size() + globalFields.size() + 6) * 4 / 3 + 1);
        map.put(TASK_UUID, taskUuid);
        map.put(TASK_LEVEL, taskLevel.toList());
        map.put(TIMESTAMP, timestamp());
        if (actionType != null) {
            map.put(ACTION_TYPE, actionType);
            map.put(ACTION_STATUS, actionStatus.wireName());
        } else if (messageType != null) {
            map.put(MESSAGE_TYPE, messageType);
        }
        map.putAll(fields);
        globalFields.forEach(map::putIfAbsent);
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageRecord r
                && timestampMicros == r.timestampMicros
                && taskUuid.equals(r.taskUuid)
                && taskLevel.equals(r.taskLevel)
                && Objects.equals(messageType, r.messageType)
                && Objects.equals(actionType, r.actionType)
                && actionStatus == r.actionStatus
                && fields.equals(r.fields)
                && globalFields.equals(r.globalFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskUuid, taskLevel, timestampMicros, messageType, actionType, actionStatus, fields);
    }

    @Override
    public String toString() {
        return Throwables.safeToString(toMap());
    }
}
