package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worked example of WIRE-FORMAT.md and the seed manual's "From Actions to Messages", field by field. */
class WorkedExampleTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void parentWithMessageChildAndFailureTakesLevelsOneTwoThreeOneToFour() {
        RuntimeException ono = new RuntimeException("ono");

        assertThatThrownBy(() -> Eliot.startTask("parent").run(() -> {
                    Message.log("info", "x", 1);
                    Eliot.startAction("child").run(() -> Message.log("info", "x", 2));
                    throw ono;
                }))
                .isSameAs(ono);

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(6);
        String task = m.get(0).taskUuid();
        assertThat(task).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(m).allSatisfy(r -> assertThat(r.taskUuid()).isEqualTo(task));

        assertThat(m.get(0).taskLevel()).isEqualTo(TaskLevel.of(1));
        assertThat(m.get(0).actionType()).isEqualTo("parent");
        assertThat(m.get(0).actionStatus()).isEqualTo(ActionStatus.STARTED);
        assertThat(m.get(0).fields()).isEmpty();

        assertThat(m.get(1).taskLevel()).isEqualTo(TaskLevel.of(2));
        assertThat(m.get(1).isAction()).isFalse();
        assertThat(m.get(1).messageType()).isEqualTo("info");
        assertThat(m.get(1).fields()).isEqualTo(Map.of("x", 1));

        assertThat(m.get(2).taskLevel()).isEqualTo(TaskLevel.of(3, 1));
        assertThat(m.get(2).actionType()).isEqualTo("child");
        assertThat(m.get(2).actionStatus()).isEqualTo(ActionStatus.STARTED);
        assertThat(m.get(2).fields()).isEmpty();

        assertThat(m.get(3).taskLevel()).isEqualTo(TaskLevel.of(3, 2));
        assertThat(m.get(3).messageType()).isEqualTo("info");
        assertThat(m.get(3).fields()).isEqualTo(Map.of("x", 2));

        assertThat(m.get(4).taskLevel()).isEqualTo(TaskLevel.of(3, 3));
        assertThat(m.get(4).actionType()).isEqualTo("child");
        assertThat(m.get(4).actionStatus()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(m.get(4).fields()).isEmpty();

        assertThat(m.get(5).taskLevel()).isEqualTo(TaskLevel.of(4));
        assertThat(m.get(5).actionType()).isEqualTo("parent");
        assertThat(m.get(5).actionStatus()).isEqualTo(ActionStatus.FAILED);
        assertThat(m.get(5).fields())
                .containsExactly(Map.entry("exception", "java.lang.RuntimeException"), Map.entry("reason", "ono"));

        assertThat(m.get(5).toMap())
                .containsEntry("task_level", List.of(4))
                .containsEntry("action_status", "failed")
                .doesNotContainKey("message_type");
    }

    @Test
    void timestampsAreSecondsWithMicrosecondsAndNotBeforeTheCall() {
        long before = System.currentTimeMillis() * 1000;
        Message.log("info");
        long after = System.currentTimeMillis() * 1000 + 1000;

        MessageRecord m = log.single();
        assertThat(m.timestampMicros()).isBetween(before, after);
        assertThat(m.timestamp()).isEqualTo(m.timestampMicros() / 1_000_000.0);
    }
}
