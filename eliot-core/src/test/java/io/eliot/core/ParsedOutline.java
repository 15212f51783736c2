package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedAction;
import io.eliot.core.parse.ParsedMessage;
import io.eliot.core.parse.ParsedTask;
import io.eliot.core.parse.TaskNode;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.List;
import java.util.Map;

/**
 * Messages written as JSON lines and read back with core's parser, as one indented outline per
 * task: {@code "<level> <type> <status> key=value ..."} lines, children two spaces in.
 */
final class ParsedOutline {

    private static final JsonLineEncoder ENCODER = new JsonLineEncoder();

    private ParsedOutline() {}

    /** The tasks {@code messages} form, parsed from their JSON lines; fails on any parse problem. */
    static List<ParsedTask> tasks(List<MessageRecord> messages) {
        ParseResult result = LogParser.parse(
                messages.stream().map(m -> ENCODER.encodeToString(m).strip()).toList());
        assertThat(result.problems()).as("parse problems").isEmpty();
        return result.tasks();
    }

    /** The only task {@code messages} form, complete, as an outline showing {@code fields}. */
    static String only(List<MessageRecord> messages, String... fields) {
        List<ParsedTask> tasks = tasks(messages);
        assertThat(tasks).as("tasks").hasSize(1);
        assertThat(tasks.get(0).complete()).as("complete: " + tasks.get(0)).isTrue();
        return of(tasks.get(0), fields);
    }

    /** {@code task} as an outline showing {@code fields}. */
    static String of(ParsedTask task, String... fields) {
        StringBuilder out = new StringBuilder();
        append(out, task.root(), 0, List.of(fields));
        return out.toString();
    }

    private static void append(StringBuilder out, TaskNode node, int depth, List<String> fields) {
        out.append("  ".repeat(depth)).append(node.taskLevel().toPath()).append(' ');
        if (node instanceof ParsedMessage message) {
            out.append(message.message().messageType());
            appendFields(out, message.message().fields(), fields);
            out.append('\n');
            return;
        }
        ParsedAction action = (ParsedAction) node;
        out.append(action.actionType())
                .append(' ')
                .append(action.status().map(s -> s.wireName()).orElse("?"));
        action.startMessage().ifPresent(m -> appendFields(out, m.fields(), fields));
        action.endMessage().ifPresent(m -> appendFields(out, m.fields(), fields));
        out.append('\n');
        for (TaskNode child : action.children()) {
            append(out, child, depth + 1, fields);
        }
    }

    private static void appendFields(StringBuilder out, Map<String, Object> values, List<String> fields) {
        for (String name : fields) {
            if (values.containsKey(name)) {
                out.append(' ').append(name).append('=').append(values.get(name));
            }
        }
    }
}
