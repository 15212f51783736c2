package io.eliot.core.parse;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An action of a parsed task: its start message, its end message, and the messages and actions
 * logged inside it, in task-level order. Either message may be missing when the log lost it; the
 * action is then still here, with what was found.
 *
 * <p>Immutable. The counterpart of Python Eliot's {@code WrittenAction}.
 */
public final class ParsedAction implements TaskNode {

    private final String taskUuid;
    private final TaskLevel taskLevel;
    private final MessageRecord start;
    private final MessageRecord end;
    private final List<TaskNode> children;
    private final boolean complete;

    /**
     * An action at {@code taskLevel}.
     *
     * @param start its start message, or {@code null} when missing
     * @param end its end message, or {@code null} when missing
     * @param children its other messages and child actions; copied, then kept in task-level order
     * @param complete whether the start, the end and every slot between them were found, in this
     *     action and in every action below it
     */
    public ParsedAction(
            String taskUuid,
            TaskLevel taskLevel,
            MessageRecord start,
            MessageRecord end,
            List<? extends TaskNode> children,
            boolean complete) {
        this.taskUuid = Objects.requireNonNull(taskUuid, "taskUuid");
        this.taskLevel = Objects.requireNonNull(taskLevel, "taskLevel");
        this.start = start;
        this.end = end;
        List<TaskNode> sorted = new ArrayList<>(children);
        sorted.sort((a, b) -> a.taskLevel().compareTo(b.taskLevel()));
        this.children = List.copyOf(sorted);
        this.complete = complete;
    }

    @Override
    public String taskUuid() {
        return taskUuid;
    }

    /** The action's own level; its start message is at {@code taskLevel().child(1)}. */
    @Override
    public TaskLevel taskLevel() {
        return taskLevel;
    }

    /** The {@code started} message, or empty when the log lacks it. */
    public Optional<MessageRecord> startMessage() {
        return Optional.ofNullable(start);
    }

    /** The {@code succeeded} or {@code failed} message, or empty when the log lacks it. */
    public Optional<MessageRecord> endMessage() {
        return Optional.ofNullable(end);
    }

    /** The {@code action_type}, from the start message or else the end message; null if neither. */
    public String actionType() {
        return start != null ? start.actionType() : end != null ? end.actionType() : null;
    }

    /** The end message's status, or {@code STARTED} with only a start message; empty with neither. */
    public Optional<ActionStatus> status() {
        return Optional.ofNullable(end != null ? end.actionStatus() : start != null ? start.actionStatus() : null);
    }

    /** The messages and actions inside, in task-level order, without the start and end messages. */
    public List<TaskNode> children() {
        return children;
    }

    /**
     * Whether nothing is missing: start, end, every slot between them, and the same for every
     * action below.
     */
    public boolean isComplete() {
        return complete;
    }

    /** End time minus start time in microseconds; empty unless both messages are present. */
    public OptionalLong durationMicros() {
        return start != null && end != null
                ? OptionalLong.of(end.timestampMicros() - start.timestampMicros())
                : OptionalLong.empty();
    }

    /**
     * The levels between the start and the end message that hold nothing: messages the log lost.
     * Empty when the end message is missing, since then the number of slots is unknown.
     */
    public List<TaskLevel> missingChildLevels() {
        if (end == null) {
            return List.of();
        }
        Set<Integer> present = new HashSet<>();
        for (TaskNode child : children) {
            present.add(child.taskLevel().last());
        }
        List<TaskLevel> missing = new ArrayList<>();
        for (int slot = 2; slot < end.taskLevel().last(); slot++) {
            if (!present.contains(slot)) {
                missing.add(taskLevel.child(slot));
            }
        }
        return missing;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedAction a
                && complete == a.complete
                && taskUuid.equals(a.taskUuid)
                && taskLevel.equals(a.taskLevel)
                && Objects.equals(start, a.start)
                && Objects.equals(end, a.end)
                && children.equals(a.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskUuid, taskLevel, start, end, children);
    }

    @Override
    public String toString() {
        return "ParsedAction" + taskLevel + " " + actionType() + " "
                + status().map(ActionStatus::wireName).orElse("?") + " " + children;
    }
}
