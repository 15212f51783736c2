package io.eliot.core;

import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Throwables;
import io.eliot.core.record.MessageSchema;
import io.eliot.core.record.TaskLevel;
import java.util.Collections;
import java.util.Map;

/**
 * A standalone message: a {@code message_type} and fields, logged inside the current action (or as
 * a task of its own when there is none).
 *
 * <pre>{@code
 * Message.log("shop:cart:item_added", "sku", sku, "count", 2);
 *
 * Message base = Message.create("shop:cart:item_added").bind("cart", cartId);
 * base.bind("sku", sku).write();          // bind returns a new message; base is unchanged
 * }</pre>
 *
 * <p>Immutable. Values are strings, numbers, booleans, null, maps, lists, arrays or anything
 * Jackson can serialize. A field named like a structural field ({@code task_uuid}, {@code reason},
 * ...) is kept as {@code user_<name>}, and one named {@code user_<structural name>} gets one more
 * {@code user_}, so no value hides another. Writing never throws.
 */
public final class Message {

    private final String messageType;
    private final Map<String, Object> fields; // never mutated once constructed
    private final MessageSchema schema;

    private Message(String messageType, Map<String, Object> fields, MessageSchema schema) {
        this.messageType = messageType;
        this.fields = fields;
        this.schema = schema;
    }

    /** A message of type {@code messageType} (may be null for an untyped message) with no fields. */
    public static Message create(String messageType) {
        return new Message(messageType, new FieldMap(0), null);
    }

    /** A message with the given fields. */
    public static Message create(String messageType, Map<String, ?> fields) {
        return new Message(messageType, UserFields.copy(fields, 0), null);
    }

    /** A message with fields as alternating names and values: {@code "key", 123, "value", "hello"}. */
    public static Message create(String messageType, Object... keyValues) {
        return new Message(messageType, UserFields.fromPairs(keyValues), null);
    }

    /** A message of {@code type}, which serializes and validates its fields; see {@link MessageType}. */
    public static Message create(MessageType type, Map<String, ?> fields) {
        return new Message(type.messageType(), UserFields.copy(fields, 0), type);
    }

    /** A message of {@code type} with fields as alternating names and values. */
    public static Message create(MessageType type, Object... keyValues) {
        return new Message(type.messageType(), UserFields.fromPairs(keyValues), type);
    }

    /** Logs a message with the given fields inside the current action. */
    public static void log(String messageType, Map<String, ?> fields) {
        writeOwned(CurrentAction.get(), messageType, UserFields.copy(fields, 0), null);
    }

    /** Logs a message with fields as alternating names and values inside the current action. */
    public static void log(String messageType, Object... keyValues) {
        writeOwned(CurrentAction.get(), messageType, UserFields.fromPairs(keyValues), null);
    }

    /** A new message with this one's fields plus {@code name}; this message is unchanged. */
    public Message bind(String name, Object value) {
        FieldMap copy = UserFields.extend(fields, 1);
        copy.addFailures(UserFields.put(copy, name, value));
        return new Message(messageType, copy, schema);
    }

    /** A new message with this one's fields plus {@code more} (which win on equal names). */
    public Message bind(Map<String, ?> more) {
        FieldMap added = UserFields.copy(more, 0);
        FieldMap copy = UserFields.extend(fields, added.size());
        added.forEach(copy::put); // captured and renamed already
        copy.addFailures(added.failures());
        return new Message(messageType, copy, schema);
    }

    /** Logs this message inside the current action, or as a task of its own when there is none. */
    public void write() {
        writeOwned(CurrentAction.get(), messageType, fields, schema);
    }

    /** Logs this message inside {@code action}, whatever the current action is. */
    public void write(Action action) {
        writeOwned(action, messageType, fields, schema);
    }

    /** The {@code message_type}; null for an untyped message. */
    public String messageType() {
        return messageType;
    }

    /** The fields, unmodifiable. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return "Message[" + messageType + " " + Throwables.safeToString(fields) + "]";
    }

    /**
     * Logs a message at the next slot of {@code action}, or as a task of its own (fresh
     * {@code task_uuid}, level {@code [1]}) when {@code action} is null.
     */
    static void writeOwned(Action action, String messageType, Map<String, Object> fields, MessageSchema schema) {
        if (action != null) {
            action.logMessage(messageType, fields, schema);
        } else {
            Action.send(TaskUuids.next(), TaskLevel.ROOT.child(), messageType, null, null, fields, schema);
            Tracebacks.reportCaptureFailures(null, messageType, fields);
        }
    }
}
