package io.eliot.core.destination;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.ValidationException;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.serialization.SerializationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every message in memory, in the order written; for tests and tools.
 *
 * <pre>{@code
 * MemoryDestination memory = new MemoryDestination();
 * Eliot.addDestination(memory);
 * ... code under test ...
 * assertThat(memory.messages()).hasSize(2);
 * }</pre>
 */
public final class MemoryDestination implements Destination {

    private final List<MessageRecord> messages = new ArrayList<>();

    @Override
    public void write(MessageRecord message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    /** A snapshot of the messages written so far, oldest first. */
    public List<MessageRecord> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /**
     * Checks every message written so far: each one logged through a {@code MessageType} or {@code
     * ActionType} must match it, and each must encode to JSON. For tests; logging never validates.
     *
     * @throws ValidationException for the first message that does not match its type
     * @throws SerializationException for the first message that cannot be encoded
     */
    public void validate() {
        JsonLineEncoder encoder = new JsonLineEncoder();
        for (MessageRecord message : messages()) {
            message.schema().ifPresent(schema -> schema.validate(message));
            encoder.encodeStrictly(message);
        }
    }

    /** Forgets every message written so far. */
    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }
}
