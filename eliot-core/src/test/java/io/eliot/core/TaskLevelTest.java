package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskLevelTest {

    @Test
    void childAppendsAndNextSiblingIncrementsTheLastElement() {
        TaskLevel level = TaskLevel.of(3, 2);

        assertThat(level.child()).isEqualTo(TaskLevel.of(3, 2, 1));
        assertThat(level.child(4)).isEqualTo(TaskLevel.of(3, 2, 4));
        assertThat(level.nextSibling()).isEqualTo(TaskLevel.of(3, 3));
        assertThat(level.parent()).isEqualTo(TaskLevel.of(3));
        assertThat(TaskLevel.of(3).parent()).isSameAs(TaskLevel.ROOT);
        assertThat(TaskLevel.ROOT.parent()).isNull();
        assertThat(level).as("immutable").isEqualTo(TaskLevel.of(3, 2));
    }

    @Test
    void pathFormIsSlashSeparatedAsInSerializedTaskIds() {
        assertThat(TaskLevel.of(2, 3).toPath()).isEqualTo("/2/3");
        assertThat(TaskLevel.of(1).toPath()).isEqualTo("/1");
        assertThat(TaskLevel.ROOT.toPath()).isEqualTo("/");
        assertThat(TaskLevel.of(2, 3).toString()).isEqualTo("[2, 3]");
        assertThat(TaskLevel.of(2, 3).toList()).containsExactly(2, 3);
    }

    @Test
    void sortsDepthFirstInSlotOrder() {
        List<TaskLevel> levels = new ArrayList<>(List.of(
                TaskLevel.of(4),
                TaskLevel.of(3, 3),
                TaskLevel.of(10),
                TaskLevel.of(2),
                TaskLevel.of(3, 1),
                TaskLevel.of(1),
                TaskLevel.of(3, 2)));

        levels.sort(null);

        assertThat(levels)
                .containsExactly(
                        TaskLevel.of(1),
                        TaskLevel.of(2),
                        TaskLevel.of(3, 1),
                        TaskLevel.of(3, 2),
                        TaskLevel.of(3, 3),
                        TaskLevel.of(4),
                        TaskLevel.of(10));
    }

    @Test
    void rejectsNonPositiveElements() {
        assertThatThrownBy(() -> TaskLevel.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskLevel.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskLevel.ROOT.nextSibling()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knowsItsDescendants() {
        assertThat(TaskLevel.of(3).isAncestorOf(TaskLevel.of(3, 1))).isTrue();
        assertThat(TaskLevel.ROOT.isAncestorOf(TaskLevel.of(1))).isTrue();
        assertThat(TaskLevel.of(3).isAncestorOf(TaskLevel.of(3))).isFalse();
        assertThat(TaskLevel.of(3).isAncestorOf(TaskLevel.of(4, 1))).isFalse();
    }
}
