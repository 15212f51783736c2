package io.eliot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failure trees drawn from eliot-core's task model when the capture is incomplete or contradictory. */
class TaskIndexTest {

    private static final String TASK = "7f0c1a52-0000-4000-8000-000000000001";

    private static MessageRecord message(String type, int... level) {
        return MessageRecord.message(TASK, TaskLevel.of(level), 0, type, Map.of());
    }

    private static MessageRecord action(String type, ActionStatus status, int... level) {
        return MessageRecord.action(TASK, TaskLevel.of(level), 0, type, status, Map.of());
    }

    @Test
    void anActionWhoseStartWasNotCapturedIsAPlaceholderOverWhatWasAndItsEndStaysInPlace() {
        // given: the child action's start at [2, 1] was lost
        MessageRecord start = action("outer", ActionStatus.STARTED, 1);
        List<MessageRecord> messages = List.of(
                action("outer", ActionStatus.SUCCEEDED, 3),
                message("inside", 2, 2),
                action("inner", ActionStatus.FAILED, 2, 3),
                message("after", 2, 4),
                start);

        // when
        String text = new TaskIndex(messages).render(uuid -> true, Map.of(start, "this one"));

        // then
        assertThat(text).isEqualTo("""
                        task %s
                        └─ outer/started [1]  ◀ this one
                           ├─ (an action at [2] whose start was not captured)
                           │  ├─ inside [2, 2]
                           │  ├─ inner/failed [2, 3]
                           │  └─ after [2, 4]
                           └─ outer/succeeded [3]""".formatted(TASK));
        assertThat(LoggedAction.ofType(messages, "outer").get(0).children()).isEmpty();
    }

    @Test
    void aMessageThatContradictsItsTreeIsShownWithWhyInsteadOfDropped() {
        // given: two messages at [2]
        MessageRecord second = MessageRecord.message(TASK, TaskLevel.of(2), 1, "second", Map.of());
        List<MessageRecord> messages = List.of(
                action("job", ActionStatus.STARTED, 1),
                message("first", 2),
                second,
                action("job", ActionStatus.SUCCEEDED, 3));

        // when
        String text = new TaskIndex(messages).render(uuid -> true, Map.of());

        // then
        assertThat(text).isEqualTo("""
                        task %s
                        ├─ job/started [1]
                        │  ├─ first [2]
                        │  └─ job/succeeded [3]
                        └─ (left out of the tree: second message at task_level [2]) second [2]""".formatted(TASK));
    }
}
