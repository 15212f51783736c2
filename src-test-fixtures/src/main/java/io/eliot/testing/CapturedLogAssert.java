package io.eliot.testing;

import io.eliot.core.record.MessageRecord;
import java.util.List;
import java.util.Map;

/**
 * Fluent assertions on a {@link CapturedLog}; start with {@link EliotAssertions#assertThat(CapturedLog)}.
 *
 * <pre>{@code
 * assertThat(log).hasAction("shop:checkout").succeeded().withChild("shop:charge");
 * assertThat(log).hasMessage("shop:cart:priced").withFields(Map.of("total", 12.5));
 * }</pre>
 */
public final class CapturedLogAssert {

    private final List<MessageRecord> messages;
    private final TaskIndex index;

    CapturedLogAssert(List<MessageRecord> messages) {
        this.messages = messages;
        this.index = new TaskIndex(messages);
    }

    /**
     * Asserts that an action of {@code actionType} was logged, and goes on with every action of that
     * type as candidates.
     *
     * @throws AssertionError if there is none, showing what was logged
     */
    public LoggedActionAssert hasAction(String actionType) {
        List<LoggedAction> actions = LoggedAction.ofType(messages, actionType);
        String description = "an action of type " + actionType;
        if (actions.isEmpty()) {
            throw new AssertionError(nothingOfType(description, "no action of type " + actionType));
        }
        return new LoggedActionAssert(index, actionType, description, actions);
    }

    /**
     * Asserts that a message of {@code messageType} was logged, and goes on with every message of
     * that type as candidates.
     *
     * @throws AssertionError if there is none, showing what was logged
     */
    public LoggedMessageAssert hasMessage(String messageType) {
        List<LoggedMessage> found = LoggedMessage.ofType(messages, messageType);
        String description = "a message of type " + messageType;
        if (found.isEmpty()) {
            throw new AssertionError(nothingOfType(description, "no message of type " + messageType));
        }
        return new LoggedMessageAssert(index, messageType, description, found);
    }

    private String nothingOfType(String description, String none) {
        return messages.isEmpty()
                ? "Expected " + description + ", but nothing was logged."
                : "Expected " + description + ", but " + none + " was logged. Logged:\n"
                        + index.render(uuid -> true, Map.of());
    }
}
