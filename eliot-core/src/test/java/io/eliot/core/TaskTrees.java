package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Checks that messages form complete, consistent task trees. */
final class TaskTrees {

    private TaskTrees() {}

    /** Messages grouped by task, each task's messages in tree order. */
    static Map<String, List<MessageRecord>> byTask(List<MessageRecord> messages) {
        Map<String, List<MessageRecord>> tasks = new HashMap<>();
        for (MessageRecord m : messages) {
            tasks.computeIfAbsent(m.taskUuid(), k -> new ArrayList<>()).add(m);
        }
        tasks.values().forEach(list -> list.sort((a, b) -> a.taskLevel().compareTo(b.taskLevel())));
        return tasks;
    }

    /**
     * Asserts: every (task_uuid, task_level) pair is unique; in every task the child slots of each
     * position are numbered 1..n without gaps; every action slot starts with a {@code started}
     * message at its first child and ends with {@code succeeded} or {@code failed} at its last; and
     * each task has a single root slot ({@code [1]} alone, or an action at {@code [1..n]}).
     */
    static void assertComplete(List<MessageRecord> messages) {
        Set<String> seen = new HashSet<>();
        for (MessageRecord m : messages) {
            if (!seen.add(m.taskUuid() + m.taskLevel().toPath())) {
                fail("duplicate (task_uuid, task_level): %s %s", m.taskUuid(), m.taskLevel());
            }
        }
        byTask(messages).forEach(TaskTrees::assertTaskComplete);
    }

    private static void assertTaskComplete(String uuid, List<MessageRecord> messages) {
        Map<TaskLevel, MessageRecord> at = new HashMap<>();
        messages.forEach(m -> at.put(m.taskLevel(), m));
        MessageRecord first = at.get(TaskLevel.of(1));
        if (first != null && !first.isAction()) {
            assertThat(messages)
                    .as("a task made of one standalone message, %s", uuid)
                    .hasSize(1);
            return;
        }
        // Each slot that holds no message itself is an action: collect its child slots.
        Map<TaskLevel, TreeMap<Integer, TaskLevel>> children = new HashMap<>();
        for (MessageRecord m : messages) {
            for (TaskLevel l = m.taskLevel(); l.depth() > 0; l = l.parent()) {
                children.computeIfAbsent(l.parent(), k -> new TreeMap<>()).put(l.last(), l);
            }
        }
        children.forEach((action, slots) -> {
            assertThat(at)
                    .as("an action slot holds no message itself: %s in %s", action, uuid)
                    .doesNotContainKey(action);
            assertThat(slots.keySet())
                    .as("child slots of %s in task %s are 1..n", action, uuid)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, slots.size()).boxed().toList());
            MessageRecord start = at.get(action.child(1));
            MessageRecord end = at.get(action.child(slots.size()));
            assertThat(start)
                    .as("start message of the action at %s in task %s", action, uuid)
                    .isNotNull();
            assertThat(start.actionStatus())
                    .as("status at %s in %s", start.taskLevel(), uuid)
                    .isEqualTo(ActionStatus.STARTED);
            assertThat(end)
                    .as("end message of the action at %s in task %s", action, uuid)
                    .isNotNull();
            assertThat(end.actionStatus())
                    .as("end of %s at %s in task %s", start.actionType(), action, uuid)
                    .isIn(ActionStatus.SUCCEEDED, ActionStatus.FAILED);
            assertThat(end.actionType()).isEqualTo(start.actionType());
        });
    }

    /** The tree as indented text lines: {@code "<level> <type>/<status>"}, for readable assertions. */
    static List<String> render(List<MessageRecord> taskMessages) {
        return taskMessages.stream()
                .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                .map(m -> m.taskLevel() + " " + m.type()
                        + (m.isAction() ? "/" + m.actionStatus().wireName() : ""))
                .collect(Collectors.toList());
    }
}
