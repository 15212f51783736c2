package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void messageOutsideAnyActionIsItsOwnTaskAtLevelOne() {
        Message.log("app:event", "key", 123, "value", "hello");
        Message.log("app:event", "key", 456);

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(2);
        assertThat(m).allSatisfy(r -> assertThat(r.taskLevel()).isEqualTo(TaskLevel.of(1)));
        assertThat(m.get(0).taskUuid()).isNotEqualTo(m.get(1).taskUuid());
        assertThat(m.get(0).messageType()).isEqualTo("app:event");
        assertThat(m.get(0).fields()).containsExactly(Map.entry("key", 123), Map.entry("value", "hello"));
    }

    @Test
    void bindReturnsANewMessageAndLeavesTheOriginalUnchanged() {
        Message base = Message.create("app:event", "key", 123, "value", "hello");

        Message bound = base.bind("value", "other").bind(Map.of("extra", 456));
        base.write();
        bound.write();

        assertThat(base.fields()).containsExactly(Map.entry("key", 123), Map.entry("value", "hello"));
        assertThat(log.messages().get(0).fields()).isEqualTo(Map.of("key", 123, "value", "hello"));
        assertThat(log.messages().get(1).fields()).isEqualTo(Map.of("key", 123, "value", "other", "extra", 456));
    }

    @Test
    void messageIsCopiedFromTheCallersMapSoLaterChangesDoNotLeakIn() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("n", 1);

        Message.log("app:event", fields);
        fields.put("n", 2);

        assertThat(log.single().fields()).isEqualTo(Map.of("n", 1));
    }

    @Test
    void messageInsideAnActionTakesTheNextChildSlot() {
        Action action = Eliot.startTask("app:work");
        Message.create("app:event").write(action);
        try (ContextScope ignored = action.context()) {
            Message.log("app:event");
        }
        action.finish();

        assertThat(TaskTrees.render(log.messages()))
                .containsExactly("[1] app:work/started", "[2] app:event", "[3] app:event", "[4] app:work/succeeded");
    }

    @Test
    void fieldsNamedLikeStructuralFieldsAreKeptUnderAPrefix() {
        Message.log("app:event", "task_level", "mine", "reason", "timeout", "message_type", "x", "ok", true);

        MessageRecord m = log.single();
        assertThat(m.taskLevel()).isEqualTo(TaskLevel.of(1));
        assertThat(m.messageType()).isEqualTo("app:event");
        assertThat(m.fields())
                .containsExactly(
                        Map.entry("user_task_level", "mine"),
                        Map.entry("user_reason", "timeout"),
                        Map.entry("user_message_type", "x"),
                        Map.entry("ok", true));
    }

    @Test
    void aSelfContainingListIsWrittenCutSixteenLevelsDownWithAMarker() {
        List<Object> loop = new java.util.ArrayList<>();
        loop.add(loop);

        Message.log("app:event", "loop", loop);

        String line = new io.eliot.core.serialization.JsonLineEncoder().encodeToString(log.single());
        // The field's list and sixteen levels of lists inside it, then the marker in place of the 17th.
        String expected =
                "\"loop\":" + "[".repeat(17) + "\"... (nested deeper than 16 levels)\"" + "]".repeat(17) + "}";
        assertThat(line).endsWith(expected + "\n");
        tools.jackson.databind.JsonNode node = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(line)
                .get("loop");
        for (int level = 1; level <= 17; level++) {
            assertThat(node.isArray()).as("level %s is a list", level).isTrue();
            node = node.get(0);
        }
        assertThat(node.asString()).isEqualTo("... (nested deeper than 16 levels)");
    }

    @Test
    void aDeeplyNestedMapIsWrittenCutSixteenLevelsDownWithAMarker() {
        Map<String, Object> deep = Map.of("leaf", 1);
        for (int i = 0; i < 40; i++) {
            deep = Map.of("m", deep);
        }

        Message.log("app:event", "deep", deep);

        String line = new io.eliot.core.serialization.JsonLineEncoder().encodeToString(log.single());
        String expected =
                "\"deep\":" + "{\"m\":".repeat(17) + "\"... (nested deeper than 16 levels)\"" + "}".repeat(17) + "}";
        assertThat(line).endsWith(expected + "\n");
    }

    @Test
    void oddKeyValuePairsKeepTheLastNameWithANullValue() {
        Message.log("app:event", "a", 1, "b");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", 1);
        expected.put("b", null);
        assertThat(log.single().fields()).isEqualTo(expected);
    }

    @Test
    void untypedMessageHasNoMessageType() {
        Message.create(null).bind("key", 1).write();

        assertThat(log.single().messageType()).isNull();
        assertThat(log.single().toMap()).doesNotContainKey("message_type");
    }
}
