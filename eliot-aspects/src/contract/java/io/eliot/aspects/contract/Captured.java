package io.eliot.aspects.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.MessageRecord;
import io.eliot.core.destination.MemoryDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures what a test logs and renders it as exact, readable lines. */
public final class Captured implements BeforeEachCallback, AfterEachCallback {

    private final MemoryDestination memory = new MemoryDestination();

    @Override
    public void beforeEach(ExtensionContext context) {
        memory.clear();
        Eliot.addDestination(memory);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Eliot.removeDestination(memory);
        assertThat(Eliot.currentAction()).as("no action left current").isEmpty();
    }

    public List<MessageRecord> messages() {
        return memory.messages();
    }

    /**
     * Each task's messages in tree order, one line each: {@code "[2, 1] shop:price/started {sku=A-1}"};
     * tasks in the order their first message was logged, separated by {@code "--"}.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<String> tasks =
                messages().stream().map(MessageRecord::taskUuid).distinct().toList();
        for (String task : tasks) {
            if (!lines.isEmpty()) {
                lines.add("--");
            }
            messages().stream()
                    .filter(m -> m.taskUuid().equals(task))
                    .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                    .map(Captured::line)
                    .collect(Collectors.toCollection(() -> lines));
        }
        return lines;
    }

    static String line(MessageRecord m) {
        String type = m.isAction() ? m.actionType() + "/" + m.actionStatus().wireName() : m.messageType();
        return m.taskLevel() + " " + type + " " + m.fields();
    }
}
