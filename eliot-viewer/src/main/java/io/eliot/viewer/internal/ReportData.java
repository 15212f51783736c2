package io.eliot.viewer.internal;

import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.viewer.TaskTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task as the static page's data: two lines of script-safe JSON, the summary the list and filters read
 * at load ({@link TaskTrees#summary} plus {@code types}, every action and message type in the task) and
 * the whole task ({@link TaskTrees#toMap}), parsed only when the task is opened or searched.
 */
public final class ReportData {

    /** At most this many distinct types are listed in a summary. */
    static final int MAX_TYPES = 64;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportData() {}

    /** The summary line and the task line, neither holding a line break. */
    public static String[] lines(ParsedTask task) {
        Map<String, Object> full = TaskTrees.toMap(task);
        Map<String, Object> summary = new LinkedHashMap<>(full);
        summary.remove("root");
        summary.put("types", types(task.root()));
        String summaryLine = Html.scriptData(JSON.writeValueAsString(summary));
        return new String[] {summaryLine, Html.scriptData(JSON.writeValueAsString(full))};
    }

    private static List<String> types(TaskNode root) {
        Set<String> types = new LinkedHashSet<>();
        collect(root, types);
        return new ArrayList<>(types);
    }

    private static void collect(TaskNode node, Set<String> types) {
        if (types.size() >= MAX_TYPES) {
            return;
        }
        if (node instanceof ParsedAction action) {
            if (action.actionType() != null) {
                types.add(action.actionType());
            }
            for (TaskNode child : action.children()) {
                collect(child, types);
            }
        } else {
            String type = ((ParsedMessage) node).message().messageType();
            if (type != null) {
                types.add(type);
            }
        }
    }
}
