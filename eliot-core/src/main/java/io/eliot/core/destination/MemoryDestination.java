package io.eliot.core.destination;

import io.eliot.core.MessageRecord;
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

    /** Forgets every message written so far. */
    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }
}
