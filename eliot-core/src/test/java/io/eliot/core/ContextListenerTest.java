package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ContextScope.Listener}: told of every change of the current action, never in the way. */
class ContextListenerTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final List<ContextScope.Listener> added = new ArrayList<>();

    @AfterEach
    void removeListeners() {
        added.forEach(ContextScope::removeListener);
    }

    private void add(ContextScope.Listener listener) {
        added.add(listener);
        ContextScope.addListener(listener);
    }

    @Test
    void aListenerIsToldOfEachChangeOnceWithTheNewCurrentAction() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        add(current -> seen.add(current == null ? "none" : current.actionType()));

        Eliot.startTask("outer").run(() -> {
            Eliot.startAction("inner").run(() -> {});
            Action outer = ContextScope.capture();
            ContextScope.restore(ContextScope.makeCurrent(outer)); // no change: not told
        });

        assertThat(seen).containsExactly("outer", "inner", "outer", "none");
    }

    @Test
    void aListenerThatThrowsIsRemovedAndReportedAndTheApplicationCarriesOn() {
        List<String> seen = new ArrayList<>();
        ContextScope.Listener failing = current -> {
            throw new IllegalStateException("listener broke");
        };
        add(failing);
        add(current -> seen.add(current == null ? "none" : current.actionType()));

        int result = Eliot.startTask("work").call(() -> 42);

        assertThat(result).isEqualTo(42);
        assertThat(ContextScope.removeListener(failing)).as("removed already").isFalse();
        assertThat(seen).containsExactly("work", "none");
        List<MessageRecord> tracebacks = log.messages().stream()
                .filter(m -> "eliot:traceback".equals(m.messageType()))
                .toList();
        assertThat(tracebacks).hasSize(1);
        assertThat(String.valueOf(tracebacks.get(0).fields().get("reason"))).contains("listener broke");
    }

    @Test
    void addingTheSameListenerTwiceRegistersItOnce() {
        List<String> seen = new ArrayList<>();
        ContextScope.Listener listener = current -> seen.add(current == null ? "none" : current.actionType());
        add(listener);
        ContextScope.addListener(listener);

        Eliot.startTask("t").run(() -> {});

        assertThat(seen).containsExactly("t", "none");
        assertThat(ContextScope.removeListener(listener)).isTrue();
        assertThat(ContextScope.removeListener(listener)).isFalse();
    }
}
