package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tree checker used by the other tests rejects what it must. */
class TaskTreesTest {

    private static final String TASK = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";

    private static MessageRecord action(String type, ActionStatus status, int... level) {
        return MessageRecord.action(TASK, TaskLevel.of(level), 0, type, status, Map.of());
    }

    private static MessageRecord message(int... level) {
        return MessageRecord.message(TASK, TaskLevel.of(level), 0, "m", Map.of());
    }

    @Test
    void acceptsACompleteTree() {
        assertThatCode(() -> TaskTrees.assertComplete(List.of(
                        action("a", ActionStatus.STARTED, 1),
                        action("b", ActionStatus.STARTED, 2, 1),
                        message(2, 2),
                        action("b", ActionStatus.FAILED, 2, 3),
                        action("a", ActionStatus.SUCCEEDED, 3))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAMissingEnd() {
        assertThatThrownBy(() -> TaskTrees.assertComplete(
                        List.of(action("a", ActionStatus.STARTED, 1), action("b", ActionStatus.STARTED, 2, 1))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsAGap() {
        assertThatThrownBy(() -> TaskTrees.assertComplete(
                        List.of(action("a", ActionStatus.STARTED, 1), action("a", ActionStatus.SUCCEEDED, 3))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsADuplicatePosition() {
        assertThatThrownBy(() -> TaskTrees.assertComplete(List.of(
                        action("a", ActionStatus.STARTED, 1),
                        message(2),
                        message(2),
                        action("a", ActionStatus.SUCCEEDED, 3))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("duplicate");
    }
}
