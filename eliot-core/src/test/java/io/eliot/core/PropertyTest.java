package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Thousands of seeded random cases each: task ids and JSON lines under hostile input. */
class PropertyTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final RandomCases cases = new RandomCases();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anyValidLevelSurvivesASerializeAndContinueRoundTrip() {
        for (int i = 0; i < 2_000; i++) {
            int depth = 1 + cases.random.nextInt(SerializedTaskId.MAX_DEPTH - 1);
            int[] path = new int[depth];
            for (int d = 0; d < depth; d++) {
                path[d] = 1 + cases.random.nextInt(d % 7 == 0 ? Integer.MAX_VALUE - 1 : 50);
            }
            TaskLevel level = TaskLevel.of(path);
            String uuid = java.util.UUID.randomUUID().toString();
            String id = uuid + "@" + level.toPath();

            Action remote = Eliot.continueTask(id);
            remote.finish();

            assertThat(remote.taskUuid()).as(cases.label(i)).isEqualTo(uuid);
            assertThat(remote.taskLevel()).as(cases.label(i)).isEqualTo(level);
        }
        assertThat(log.messages()).hasSize(4_000);
    }

    @Test
    void continueTaskOnArbitraryInputEitherContinuesOrRejectsWithABoundedCleanMessage() {
        for (int i = 0; i < 5_000; i++) {
            String input = cases.random.nextBoolean() ? cases.taskIdLike() : cases.anyString(400);
            try {
                Eliot.continueTask(input).finish();
            } catch (InvalidTaskIdException e) {
                assertThat(e.getMessage()).as(cases.label(i)).hasSizeLessThan(250);
                assertThat(e.getMessage().chars())
                        .as(cases.label(i) + ": no control, format, separator or surrogate characters")
                        .allMatch(PropertyTest::harmless);
            }
        }
        assertThat(log.messages()).allSatisfy(m -> assertThat(m.taskUuid()).matches("[0-9a-f-]{36}"));
    }

    @Test
    void anyFieldNameOrValueYieldsExactlyOneWellFormedJsonLine() {
        JsonLineEncoder encoder = new JsonLineEncoder();
        for (int i = 0; i < 5_000; i++) {
            String name = cases.anyString(20);
            String value = cases.anyString(200);
            String type = cases.anyString(30);
            MessageRecord record = MessageRecord.message(
                    java.util.UUID.randomUUID().toString(), TaskLevel.of(1), 0, type, Map.of("f" + name, value));

            byte[] line = encoder.encode(record);

            String text = new String(line, StandardCharsets.UTF_8);
            assertThat(text.indexOf('\n')).as(cases.label(i)).isEqualTo(text.length() - 1);
            assertThat(text).as(cases.label(i)).doesNotContain("\r");
            JsonNode parsed = json.readTree(text);
            assertThat(parsed.get("message_type").asString().length())
                    .as(cases.label(i))
                    .isEqualTo(type.length());
            assertThat(parsed.get("f" + name)).as(cases.label(i)).isNotNull();
        }
    }

    @Test
    void theParserOnArbitraryInputNeverThrowsAndAccountsForEveryLine() {
        for (int i = 0; i < 2_000; i++) {
            StringBuilder log = new StringBuilder();
            int lines = cases.random.nextInt(20);
            for (int l = 0; l < lines; l++) {
                log.append(cases.random.nextBoolean() ? cases.anyString(120) : validishLine())
                        .append('\n');
            }

            io.eliot.core.parse.ParseResult result = io.eliot.core.parse.LogParser.parse(log.toString());

            int messages = result.tasks().stream()
                    .mapToInt(io.eliot.core.parse.ParsedTask::messageCount)
                    .sum();
            long blank = log.toString().lines().filter(String::isBlank).count();
            assertThat(messages + result.problems().size() + blank)
                    .as(cases.label(i) + ": every line is a message, a problem or blank")
                    .isEqualTo(log.toString().lines().count());
        }
    }

    /** A JSON line that is sometimes a valid message and sometimes subtly not. */
    private String validishLine() {
        String uuid =
                cases.random.nextInt(5) == 0 ? "x" : java.util.UUID.randomUUID().toString();
        String level = cases.random.nextInt(6) == 0 ? "[0]" : "[" + (1 + cases.random.nextInt(3)) + "]";
        String type = cases.random.nextBoolean()
                ? "\"message_type\":\"t\""
                : "\"action_type\":\"a\",\"action_status\":\"" + (cases.random.nextInt(4) == 0 ? "weird" : "started")
                        + "\"";
        return "{\"task_uuid\":\"" + uuid + "\",\"task_level\":" + level + ",\"timestamp\":1.5," + type + "}";
    }

    /** An object that contains itself: Jackson would recurse forever. */
    public static final class Node {
        public Node getSelf() {
            return this;
        }
    }

    @Test
    void aCyclicObjectGraphBecomesASerializationFailureNotAHangOrACrash() {
        String out = new JsonLineEncoder()
                .encodeToString(MessageRecord.message(
                        java.util.UUID.randomUUID().toString(), TaskLevel.of(1), 0, "t", Map.of("node", new Node())));

        assertThat(out.lines().map(l -> json.readTree(l).get("message_type").asString()))
                .containsExactly("eliot:traceback", "eliot:serialization_failure");
    }

    /** Neither a control (C0, DEL, C1), a format or bidirectional character, a separator nor a surrogate. */
    static boolean harmless(int c) {
        int type = Character.getType(c);
        return c >= 0x20
                && type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE
                && (c == ' ' || type != Character.SPACE_SEPARATOR);
    }
}
