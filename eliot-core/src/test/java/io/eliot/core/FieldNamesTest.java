package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Top-level field names: no value is lost and no line repeats a key, whatever names the
 * application uses (reserved ones, their {@code user_} forms, names that read the same) and
 * wherever they meet in one line (message, start and success fields, global fields, exception
 * extractors' fields).
 */
class FieldNamesTest {

    /** Fails on a repeated key, where a lenient parser would keep the last value. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @AfterEach
    void removeGlobals() {
        Eliot.removeGlobalFields(
                "timestamp", "user_timestamp", "user_user_timestamp", "task_uuid", "user_task_uuid", "null");
    }

    /** The line of {@code m} as a tree, read by a parser that rejects repeated keys. */
    private static JsonNode line(MessageRecord m) {
        String line = new JsonLineEncoder().encodeToString(m);
        assertThat(line.split("\n")).as("one line: %s", line).hasSize(1);
        return STRICT.readTree(line);
    }

    private static Map<String, String> userFields(JsonNode line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : line.properties()) {
            if (!List.of("task_uuid", "task_level", "timestamp", "message_type", "action_type", "action_status")
                    .contains(e.getKey())) {
                fields.put(
                        e.getKey(),
                        e.getValue().isString()
                                ? e.getValue().asString()
                                : e.getValue().toString());
            }
        }
        return fields;
    }

    @Test
    void aReservedNameAndItsRenamedFormsAreWrittenUnderDistinctNamesInAnyOrderAndThroughBind() {
        Message.log("app:m", "task_uuid", "A", "user_task_uuid", "B", "user_user_task_uuid", "C");
        Message.log("app:m", "user_user_task_uuid", "C", "user_task_uuid", "B", "task_uuid", "A");
        Message.create("app:m", "task_uuid", "A").bind("n", 1).write();

        List<MessageRecord> m = log.messages();
        assertThat(userFields(line(m.get(0))))
                .containsExactly(
                        Map.entry("user_task_uuid", "A"),
                        Map.entry("user_user_task_uuid", "B"),
                        Map.entry("user_user_user_task_uuid", "C"));
        assertThat(userFields(line(m.get(1))))
                .containsExactly(
                        Map.entry("user_user_user_task_uuid", "C"),
                        Map.entry("user_user_task_uuid", "B"),
                        Map.entry("user_task_uuid", "A"));
        assertThat(userFields(line(m.get(2))))
                .as("bind keeps the names already given")
                .containsExactly(Map.entry("user_task_uuid", "A"), Map.entry("n", "1"));
    }

    @Test
    void namesThatReadTheSameInOneCallKeepEveryValue() {
        Message.log(
                "app:m",
                1,
                "int",
                "1",
                "string",
                null,
                "null name",
                "null",
                "string null",
                "a",
                "first",
                "a",
                "second");
        Map<String, Object> nullKeys = new HashMap<>();
        nullKeys.put(null, "null key");
        nullKeys.put("null", "string key");
        Message.log("app:m", nullKeys);

        List<MessageRecord> m = log.messages();
        assertThat(userFields(line(m.get(0))))
                .containsExactly(
                        Map.entry("1", "int"),
                        Map.entry("user_1", "string"),
                        Map.entry("null", "null name"),
                        Map.entry("user_null", "string null"),
                        Map.entry("a", "first"),
                        Map.entry("user_a", "second"));
        Map<String, String> second = userFields(line(m.get(1)));
        assertThat(second).containsOnlyKeys("null", "user_null");
        assertThat(second.values()).containsExactlyInAnyOrder("null key", "string key");
    }

    @Test
    void startAndSuccessFieldsAreRenamedTheSameWay() {
        Eliot.startTask("app:work", "action_type", "A", "user_action_type", "B")
                .run(() -> Eliot.currentAction()
                        .orElseThrow()
                        .addSuccessField("action_status", "C")
                        .addSuccessField("user_action_status", "D"));

        List<MessageRecord> m = log.messages();
        assertThat(userFields(line(m.get(0))))
                .containsExactly(Map.entry("user_action_type", "A"), Map.entry("user_user_action_type", "B"));
        assertThat(userFields(line(m.get(1))))
                .containsExactly(Map.entry("user_action_status", "C"), Map.entry("user_user_action_status", "D"));
    }

    static final class Refused extends RuntimeException {
        Refused(Throwable cause) {
            super("refused", cause);
        }
    }

    @Test
    void extractorFieldsNeverHideTheFailuresOwnFields() {
        Eliot.registerExceptionExtractor(Refused.class, e -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("exception", "e");
            fields.put("reason", "r");
            fields.put("task_level", "l");
            fields.put("cause", "c");
            return fields;
        });

        Action action = Eliot.startTask("app:work");
        action.finish(new Refused(new IOException("disk")));

        assertThat(userFields(line(log.messages().get(1))))
                .containsExactly(
                        Map.entry("exception", Refused.class.getName()),
                        Map.entry("reason", "refused"),
                        Map.entry("user_exception", "e"),
                        Map.entry("user_reason", "r"),
                        Map.entry("user_task_level", "l"),
                        Map.entry("user_cause", "c"),
                        Map.entry("cause", "[{\"exception\":\"java.io.IOException\",\"reason\":\"disk\"}]"));
    }

    @Test
    void globalFieldsAreRemovedByTheNamesTheyWereAddedWith() {
        Eliot.addGlobalFields("timestamp", "t", "user_timestamp", "u");
        Message.log("app:m");
        Eliot.removeGlobalFields("timestamp");
        Message.log("app:m");
        Eliot.removeGlobalFields("user_timestamp");
        Message.log("app:m");

        List<MessageRecord> m = log.messages();
        assertThat(m.get(0).globalFields())
                .containsExactly(Map.entry("user_timestamp", "t"), Map.entry("user_user_timestamp", "u"));
        assertThat(m.get(1).globalFields()).containsExactly(Map.entry("user_user_timestamp", "u"));
        assertThat(m.get(2).globalFields()).isEmpty();
    }

    @Test
    void aNullNameIsRemovedLikeItWasAddedAndNoRemovalThrows() {
        Map<String, Object> withNullName = new HashMap<>();
        withNullName.put(null, "x");
        Eliot.addGlobalFields(withNullName);
        Message.log("app:m");

        assertThatCode(() -> Eliot.removeGlobalFields((String) null)).doesNotThrowAnyException();
        assertThatCode(() -> Eliot.removeGlobalFields((String[]) null)).doesNotThrowAnyException();
        Message.log("app:m");

        List<MessageRecord> m = log.messages();
        assertThat(m.get(0).globalFields()).containsExactly(Map.entry("null", "x"));
        assertThat(m.get(1).globalFields()).isEmpty();
    }

    @Test
    void aGlobalFieldAndAMessageFieldOfDifferentNamesAreBothWritten() {
        Eliot.addGlobalFields("task_uuid", "global");
        Message.log("app:m", "user_task_uuid", "own");

        assertThat(userFields(line(log.single())))
                .containsExactly(Map.entry("user_user_task_uuid", "own"), Map.entry("user_task_uuid", "global"));
    }

    @Test
    void aMessageRecordMadeByHandNeverRepeatsAStructuralNameInItsLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task_uuid", "x");
        fields.put("user_task_uuid", "y");
        fields.put("message_type", "z");
        MessageRecord m = MessageRecord.message(
                        "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc", TaskLevel.of(1), 0, "app:m", fields)
                .withGlobalFields(Map.of("timestamp", "g"));

        JsonNode line = line(m);

        assertThat(line.get("task_uuid").asString()).isEqualTo("b1cb58cf-2c2f-45c0-92b2-838ac00b20cc");
        assertThat(line.get("message_type").asString()).isEqualTo("app:m");
        List<String> values = new ArrayList<>(userFields(line).values());
        assertThat(values).containsExactlyInAnyOrder("x", "y", "z", "g");
    }
}
