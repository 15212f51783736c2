package io.eliot.testing;

import io.eliot.core.ActionType;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.testing.internal.TreeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An action that was logged, as a tree: its start message, its end message, and the messages and
 * actions logged inside it. Modelled on Python Eliot's {@code eliot.testing.LoggedAction}.
 *
 * <pre>{@code
 * LoggedAction search = LoggedAction.ofType(log.messages(), "search").get(0);
 * assertThat(search.succeeded()).isTrue();
 * assertThat(search.children()).isEqualTo(LoggedMessage.ofType(log.messages(), "search:check"));
 * }</pre>
 *
 * <p>Unlike Python's, it also stands for an action that has not finished: {@link #isFinished()} is
 * false and {@link #endMessage()} throws. Immutable.
 */
public final class LoggedAction implements Logged {

    private final ParsedAction action;
    private final MessageRecord start;
    private final MessageRecord end;
    private final List<Logged> children;

    /** A view of {@code action}, which has its start message. */
    LoggedAction(ParsedAction action) {
        this.action = action;
        this.start = action.startMessage().orElseThrow();
        this.end = action.endMessage().orElse(null);
        List<Logged> found = new ArrayList<>();
        for (TaskNode child : action.children()) {
            if (child instanceof ParsedMessage message) {
                found.add(new LoggedMessage(message.message()));
            } else if (child instanceof ParsedAction childAction
                    && childAction.startMessage().isPresent()) {
                found.add(new LoggedAction(childAction));
            }
        }
        this.children = List.copyOf(found);
    }

    /**
     * Every action of type {@code actionType} among {@code messages} (which may hold several tasks,
     * in any order), in the order their start messages are given. Each one's children are found
     * among {@code messages} too.
     */
    public static List<LoggedAction> ofType(List<MessageRecord> messages, String actionType) {
        Objects.requireNonNull(actionType, "actionType");
        TaskIndex index = new TaskIndex(messages);
        List<LoggedAction> found = new ArrayList<>();
        for (MessageRecord message : messages) {
            if (TaskIndex.isStart(message) && actionType.equals(message.actionType())) {
                ParsedAction action = index.actionStartedBy(message);
                if (action != null) {
                    found.add(new LoggedAction(action));
                }
            }
        }
        return List.copyOf(found);
    }

    /** Every action of {@code type} among {@code messages}; see {@link #ofType(List, String)}. */
    public static List<LoggedAction> ofType(List<MessageRecord> messages, ActionType type) {
        return ofType(messages, type.actionType());
    }

    /** The {@code started} message. */
    public MessageRecord startMessage() {
        return start;
    }

    /**
     * The {@code succeeded} or {@code failed} message.
     *
     * @throws IllegalStateException if the action has not finished (see {@link #isFinished()})
     */
    public MessageRecord endMessage() {
        if (end == null) {
            throw new IllegalStateException("the action " + type() + " at " + action.taskLevel() + " in task "
                    + action.taskUuid() + " has not finished: no succeeded or failed message was logged");
        }
        return end;
    }

    /** Whether its {@code succeeded} or {@code failed} message was logged. */
    public boolean isFinished() {
        return end != null;
    }

    /** Whether it finished with {@code succeeded}; false while not finished. */
    public boolean succeeded() {
        return end != null && end.actionStatus() == ActionStatus.SUCCEEDED;
    }

    /**
     * The messages and actions logged directly inside it, in task-level order, without its own start
     * and end messages.
     */
    public List<Logged> children() {
        return children;
    }

    /** Its children, each followed by its own descendants: the whole subtree, depth first. */
    public List<Logged> descendants() {
        List<Logged> all = new ArrayList<>();
        for (Logged child : children) {
            all.add(child);
            if (child instanceof LoggedAction action) {
                all.addAll(action.descendants());
            }
        }
        return List.copyOf(all);
    }

    @Override
    public String taskUuid() {
        return action.taskUuid();
    }

    /** The action's own level; its start message is at this level plus {@code [1]}. */
    @Override
    public TaskLevel taskLevel() {
        return action.taskLevel();
    }

    @Override
    public String type() {
        return start.actionType();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedAction other
                && start.equals(other.start)
                && Objects.equals(end, other.end)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, children);
    }

    /** {@code LoggedAction[type/started [level] ..., n children, type/succeeded [level] ...]}. */
    @Override
    public String toString() {
        return "LoggedAction[" + TreeText.line(start) + ", " + children.size() + " children, "
                + (end == null ? "not finished" : TreeText.line(end)) + "]";
    }
}
