package io.eliot.core;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.MessageSchema;
import io.eliot.core.record.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A documented kind of standalone message: its {@code message_type}, its fields and what it means.
 *
 * <pre>{@code
 * static final MessageType DELIVERY_SCHEDULED = MessageType.of(
 *         "pizzadelivery:schedule", "A pizza delivery has been scheduled.", LOCATION, COUNT, NAME);
 *
 * DELIVERY_SCHEDULED.log("name", person.name(), "count", count, "location", location);
 * }</pre>
 *
 * <p>Logging never validates; tests do ({@link #validate}, or the test fixtures after each test).
 */
public final class MessageType implements MessageSchema {

    private final String messageType;
    private final Fields fields;
    private final String description;

    private MessageType(String messageType, List<Field> fields, String description) {
        this.messageType = Objects.requireNonNull(messageType, "messageType");
        this.fields = new Fields(fields);
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Declares a message type.
     *
     * @throws IllegalArgumentException if two fields have the same name
     */
    public static MessageType of(String messageType, String description, Field... fields) {
        return new MessageType(messageType, Arrays.asList(fields), description);
    }

    /** A message of this type with fields as alternating names and values; not yet written. */
    public Message create(Object... keyValues) {
        return Message.create(this, keyValues);
    }

    /** A message of this type with {@code fields}; not yet written. */
    public Message create(Map<String, ?> fields) {
        return Message.create(this, fields);
    }

    /** Logs a message of this type inside the current action. */
    public void log(Object... keyValues) {
        create(keyValues).write();
    }

    /** Logs a message of this type with {@code fields} inside the current action. */
    public void log(Map<String, ?> fields) {
        create(fields).write();
    }

    /** The {@code message_type}. */
    public String messageType() {
        return messageType;
    }

    /** What messages of this type mean. */
    public String description() {
        return description;
    }

    /** The declared fields. */
    public List<Field> fields() {
        return List.copyOf(fields.all());
    }

    @Override
    public Object serialize(MessageRecord message, String field, Object value) {
        return fields.serialize(field, value);
    }

    @Override
    public void validate(MessageRecord message) {
        String what = "message " + messageType + " at " + message.taskLevel();
        if (!messageType.equals(message.messageType())) {
            throw new ValidationException(what + ": message_type is " + message.messageType());
        }
        fields.validate(what, message.fields(), true);
    }

    @Override
    public String toString() {
        return "MessageType[" + messageType + "]";
    }
}
