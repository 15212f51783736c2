package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures what a test logs: register with {@code @RegisterExtension final LogCapture log = new LogCapture();}. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final MemoryDestination memory = new MemoryDestination();

    @Override
    public void beforeEach(ExtensionContext context) {
        memory.clear();
        Eliot.addDestination(memory);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Eliot.removeDestination(memory);
        assertThat(Eliot.currentAction())
                .as("no action is left current after a test")
                .isEmpty();
    }

    List<MessageRecord> messages() {
        return memory.messages();
    }

    /** The only message captured. */
    MessageRecord single() {
        assertThat(messages()).hasSize(1);
        return messages().get(0);
    }
}
