package io.eliot.testing;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.internal.TreeText;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Captured messages as eliot-core's task trees ({@link LogParser#buildTasks}), whatever order they
 * came in, with each action found by its start message.
 */
final class TaskIndex {

    private final List<ParsedTask> tasks;
    private final Map<MessageRecord, String> refused = new IdentityHashMap<>();
    private final Map<MessageRecord, ParsedAction> byStart = new IdentityHashMap<>();

    TaskIndex(List<MessageRecord> messages) {
        this.tasks = LogParser.buildTasks(messages, refused::put);
        for (ParsedTask task : tasks) {
            index(task.root());
        }
    }

    private void index(TaskNode node) {
        if (node instanceof ParsedAction action) {
            action.startMessage().ifPresent(start -> byStart.put(start, action));
            action.children().forEach(this::index);
        }
    }

    /** The action {@code start} began, or null when {@code start} was not placed in a tree. */
    ParsedAction actionStartedBy(MessageRecord start) {
        return byStart.get(start);
    }

    /** The tasks {@code which} accepts, in order of first appearance, as text trees with {@code notes}. */
    String render(Predicate<String> which, Map<MessageRecord, String> notes) {
        List<TreeText.Tree> trees = new ArrayList<>();
        for (ParsedTask task : tasks) {
            if (which.test(task.taskUuid())) {
                trees.add(TreeText.tree(task, refused, notes));
            }
        }
        return TreeText.render(trees);
    }

    static boolean isStart(MessageRecord message) {
        return message.isAction() && message.actionStatus() == ActionStatus.STARTED;
    }
}
