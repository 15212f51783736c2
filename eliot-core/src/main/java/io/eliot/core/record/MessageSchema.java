package io.eliot.core.record;

import io.eliot.core.ActionType;
import io.eliot.core.MessageType;

/**
 * The declared shape of a message: implemented by {@link MessageType} and {@link ActionType}.
 * Encoders use it to serialize field values; tests use it to validate messages.
 */
public interface MessageSchema {

    /**
     * The value to write for {@code field} of {@code message}: the declared field's serializer
     * applied to {@code value}, or {@code value} itself for an undeclared field.
     *
     * @throws RuntimeException whatever the field's serializer throws; encoders turn it into
     *     {@code eliot:serialization_failure}
     */
    Object serialize(MessageRecord message, String field, Object value);

    /**
     * Checks {@code message} against the declaration: its type, that every declared field is
     * present and valid, that no undeclared field is. Called by tests, never on the logging path.
     *
     * @throws ValidationException naming the message and the first problem found
     */
    void validate(MessageRecord message);
}
