package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * README, "Reserved names cannot be overwritten": each of the nine structural names, given as a
 * user field of a message, of an action's start, of its success, or by an exception extractor of
 * a failed action, is kept as {@code user_<name>}, and the written line keeps the real structural
 * value.
 */
class ReservedNamesTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonLineEncoder ENCODER = new JsonLineEncoder();

    /** The README's list, each with the name it is kept under, written out by hand. */
    static Stream<Arguments> reservedNames() {
        return Stream.of(
                Arguments.of("task_uuid", "user_task_uuid"),
                Arguments.of("task_level", "user_task_level"),
                Arguments.of("timestamp", "user_timestamp"),
                Arguments.of("message_type", "user_message_type"),
                Arguments.of("action_type", "user_action_type"),
                Arguments.of("action_status", "user_action_status"),
                Arguments.of("exception", "user_exception"),
                Arguments.of("reason", "user_reason"),
                Arguments.of("traceback", "user_traceback"));
    }

    /** Thrown only by these tests, so the extractor registered for it affects nothing else. */
    static final class ReservedFieldsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String fieldName;

        ReservedFieldsException(String fieldName) {
            super("boom");
            this.fieldName = fieldName;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedNames")
    void aMessageFieldIsKeptUnderThePrefix(String name, String keptAs) {
        Message.log("app:event", name, "mine");

        MessageRecord m = log.single();
        assertThat(m.fields()).containsExactly(Map.entry(keptAs, "mine"));
        JsonNode line = written(m);
        assertThat(line.get("message_type").asString()).isEqualTo("app:event");
        assertStructureIntact(line, m);
        assertThat(line.get(keptAs).asString()).isEqualTo("mine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedNames")
    void anActionStartFieldIsKeptUnderThePrefix(String name, String keptAs) {
        Eliot.startTask("app:work", name, "mine").finish();

        MessageRecord started = log.messages().get(0);
        assertThat(started.fields()).containsExactly(Map.entry(keptAs, "mine"));
        JsonNode line = written(started);
        assertThat(line.get("action_type").asString()).isEqualTo("app:work");
        assertThat(line.get("action_status").asString()).isEqualTo("started");
        assertStructureIntact(line, started);
        assertThat(line.get(keptAs).asString()).isEqualTo("mine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedNames")
    void anActionSuccessFieldIsKeptUnderThePrefix(String name, String keptAs) {
        Eliot.startTask("app:work").addSuccessField(name, "mine").finish();

        MessageRecord succeeded = log.messages().get(1);
        assertThat(succeeded.fields()).containsExactly(Map.entry(keptAs, "mine"));
        JsonNode line = written(succeeded);
        assertThat(line.get("action_type").asString()).isEqualTo("app:work");
        assertThat(line.get("action_status").asString()).isEqualTo("succeeded");
        assertStructureIntact(line, succeeded);
        assertThat(line.get(keptAs).asString()).isEqualTo("mine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedNames")
    void anExtractedFieldOfAFailedActionIsKeptUnderThePrefix(String name, String keptAs) {
        Eliot.registerExceptionExtractor(ReservedFieldsException.class, e -> Map.of(e.fieldName, "mine"));

        Eliot.startTask("app:work").finish(new ReservedFieldsException(name));

        MessageRecord failed = log.messages().get(1);
        assertThat(failed.fields())
                .containsExactly(
                        Map.entry("exception", ReservedFieldsException.class.getName()),
                        Map.entry("reason", "boom"),
                        Map.entry(keptAs, "mine"));
        JsonNode line = written(failed);
        assertThat(line.get("action_status").asString()).isEqualTo("failed");
        assertThat(line.get("exception").asString()).isEqualTo(ReservedFieldsException.class.getName());
        assertThat(line.get("reason").asString()).isEqualTo("boom");
        assertStructureIntact(line, failed);
        assertThat(line.get(keptAs).asString()).isEqualTo("mine");
    }

    private static JsonNode written(MessageRecord m) {
        String text = ENCODER.encodeToString(m);
        assertThat(text.lines()).as("one line: %s", text).hasSize(1);
        return JSON.readTree(text);
    }

    /** The structural fields of the written line are the message's own, not the user's "mine". */
    private static void assertStructureIntact(JsonNode line, MessageRecord m) {
        assertThat(line.get("task_uuid").asString()).isEqualTo(m.taskUuid());
        assertThat(line.get("task_level").toString())
                .isEqualTo(m.taskLevel().toList().toString().replace(" ", ""));
        assertThat(line.get("timestamp").isNumber()).isTrue();
        for (String structural : List.of("message_type", "action_type", "action_status")) {
            if (line.has(structural)) {
                assertThat(line.get(structural).asString()).isNotEqualTo("mine");
            }
        }
        assertThat(line.has("traceback")).isFalse();
        if (!line.has("action_status") || !line.get("action_status").asString().equals("failed")) {
            assertThat(line.has("exception")).isFalse();
            assertThat(line.has("reason")).isFalse();
        }
    }
}
