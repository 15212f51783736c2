package io.eliot.testing;

import io.eliot.core.MessageType;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.testing.internal.TreeText;
import java.util.List;
import java.util.Objects;

/**
 * A standalone message that was logged, as Python Eliot's {@code eliot.testing.LoggedMessage}.
 *
 * <pre>{@code
 * List<LoggedMessage> checks = LoggedMessage.ofType(log.messages(), "search:check");
 * assertThat(checks).extracting(m -> m.message().fields().get("server")).containsExactly("a", "b");
 * }</pre>
 *
 * @param message the message as destinations received it
 */
public record LoggedMessage(MessageRecord message) implements Logged {

    /** Wraps {@code message}. */
    public LoggedMessage {
        Objects.requireNonNull(message, "message");
    }

    /** Every message of type {@code messageType} among {@code messages}, in the order given. */
    public static List<LoggedMessage> ofType(List<MessageRecord> messages, String messageType) {
        Objects.requireNonNull(messageType, "messageType");
        return messages.stream()
                .filter(m -> !m.isAction() && messageType.equals(m.messageType()))
                .map(LoggedMessage::new)
                .toList();
    }

    /** Every message of {@code type} among {@code messages}, in the order given. */
    public static List<LoggedMessage> ofType(List<MessageRecord> messages, MessageType type) {
        return ofType(messages, type.messageType());
    }

    @Override
    public String taskUuid() {
        return message.taskUuid();
    }

    @Override
    public TaskLevel taskLevel() {
        return message.taskLevel();
    }

    @Override
    public String type() {
        return message.messageType();
    }

    /** {@code LoggedMessage[type [level]  name=value ...]}. */
    @Override
    public String toString() {
        return "LoggedMessage[" + TreeText.line(message) + "]";
    }
}
