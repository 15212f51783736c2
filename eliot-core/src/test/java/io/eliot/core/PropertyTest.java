package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Thousands of seeded random cases each: task ids and JSON lines under hostile input. */
class PropertyTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final JsonMapper json = JsonMapper.builder().build();

    @SeededTest
    void anyValidLevelSurvivesASerializeAndContinueRoundTrip(long seed) {
        RandomCases cases = new RandomCases(seed);
        for (int i = 0; i < 1_000; i++) {
            int depth = 1 + cases.random.nextInt(SerializedTaskId.MAX_DEPTH - 1);
            int[] path = new int[depth];
            for (int d = 0; d < depth; d++) {
                path[d] = 1 + cases.random.nextInt(d % 7 == 0 ? Integer.MAX_VALUE - 1 : 50);
            }
            TaskLevel level = TaskLevel.of(path);
            String uuid = cases.uuid();
            String id = uuid + "@" + level.toPath();

            Action remote = Eliot.continueTask(id);
            remote.finish();

            assertThat(remote.taskUuid()).as(cases.label(i)).isEqualTo(uuid);
            assertThat(remote.taskLevel()).as(cases.label(i)).isEqualTo(level);
        }
        assertThat(log.messages()).hasSize(2_000);
    }

    /**
     * Written from the README's definition, not from the parser: a UUID of
     * hexadecimal digits, {@code @}, then 1 to 64 levels of {@code /} and a positive int.
     */
    private static final Pattern VALID_ID = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@((?:/[0-9]+)+)");

    /** The level {@code input} names if it is a valid serialized task id; empty if it must be rejected. */
    private static Optional<TaskLevel> expectedLevel(String input) {
        Matcher m = VALID_ID.matcher(input);
        if (input.length() > SerializedTaskId.MAX_LENGTH || !m.matches()) {
            return Optional.empty();
        }
        String[] elements = m.group(2).substring(1).split("/");
        if (elements.length > SerializedTaskId.MAX_DEPTH) {
            return Optional.empty();
        }
        int[] path = new int[elements.length];
        for (int e = 0; e < elements.length; e++) {
            java.math.BigInteger value = new java.math.BigInteger(elements[e]);
            if (value.signum() <= 0 || value.bitLength() > 31) {
                return Optional.empty();
            }
            path[e] = value.intValueExact();
        }
        return Optional.of(TaskLevel.of(path));
    }

    @SeededTest
    void continueTaskOnArbitraryInputEitherContinuesOrRejectsWithABoundedCleanMessage(long seed) {
        RandomCases cases = new RandomCases(seed);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 3_000; i++) {
            String input = cases.random.nextBoolean() ? cases.taskIdLike() : cases.anyString(400);
            Optional<TaskLevel> expected = expectedLevel(input);
            Action remote;
            try {
                remote = Eliot.continueTask(input);
            } catch (InvalidTaskIdException e) {
                assertThat(expected)
                        .as(cases.label(i) + ": %s was rejected: %s", input, e.getMessage())
                        .isEmpty();
                assertThat(e.getMessage()).as(cases.label(i)).hasSizeLessThan(250);
                assertThat(e.getMessage().chars())
                        .as(cases.label(i) + ": no control, format, separator or surrogate characters")
                        .allMatch(PropertyTest::harmless);
                rejected++;
                continue;
            }
            remote.finish();
            assertThat(expected).as(cases.label(i) + ": %s was accepted", input).isPresent();
            assertThat(remote.taskUuid())
                    .as(cases.label(i))
                    .isEqualTo(input.substring(0, 36).toLowerCase(Locale.ROOT));
            assertThat(remote.taskLevel()).as(cases.label(i)).isEqualTo(expected.get());
            accepted++;
        }
        assertThat(accepted).as(Seeds.label(seed) + ": ids accepted").isGreaterThanOrEqualTo(20);
        assertThat(rejected).as(Seeds.label(seed) + ": ids rejected").isGreaterThanOrEqualTo(1_000);
        assertThat(log.messages())
                .as("a start and a finish for each accepted id, nothing for a rejected one")
                .hasSize(2 * accepted);
    }

    @SeededTest
    void anyFieldNameOrValueYieldsExactlyOneWellFormedJsonLineHoldingWhatWasLogged(long seed) {
        RandomCases cases = new RandomCases(seed);
        JsonLineEncoder encoder = new JsonLineEncoder();
        for (int i = 0; i < 2_000; i++) {
            String name = "f" + cases.anyString(20);
            String value = cases.anyString(200);
            String type = cases.anyString(30);
            String uuid = cases.uuid();
            MessageRecord record = MessageRecord.message(uuid, TaskLevel.of(1, 7), 0, type, Map.of(name, value));

            byte[] line = encoder.encode(record);

            String text = new String(line, StandardCharsets.UTF_8);
            assertThat(text.indexOf('\n')).as(cases.label(i)).isEqualTo(text.length() - 1);
            assertThat(text).as(cases.label(i)).doesNotContain("\r");
            JsonNode parsed = json.readTree(text);
            assertThat(parsed.propertyNames())
                    .as(cases.label(i))
                    .containsExactly("task_uuid", "task_level", "timestamp", "message_type", name);
            assertThat(parsed.get("task_uuid").asString()).as(cases.label(i)).isEqualTo(uuid);
            assertThat(parsed.get("task_level").toString()).as(cases.label(i)).isEqualTo("[1,7]");
            assertThat(parsed.get("message_type").asString()).as(cases.label(i)).isEqualTo(type);
            assertThat(parsed.get(name).asString()).as(cases.label(i)).isEqualTo(value);
        }
    }

    @SeededTest
    void theParserOnArbitraryInputNeverThrowsAndAccountsForEveryLine(long seed) {
        RandomCases cases = new RandomCases(seed);
        long messagesSeen = 0;
        long problemsSeen = 0;
        for (int i = 0; i < 1_000; i++) {
            StringBuilder log = new StringBuilder();
            int lines = cases.random.nextInt(20);
            for (int l = 0; l < lines; l++) {
                log.append(cases.random.nextBoolean() ? cases.anyString(120) : validishLine(cases))
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
            messagesSeen += messages;
            problemsSeen += result.problems().size();
        }
        assertThat(messagesSeen)
                .as(Seeds.label(seed) + ": lines read as messages")
                .isGreaterThan(1_000);
        assertThat(problemsSeen)
                .as(Seeds.label(seed) + ": lines reported as problems")
                .isGreaterThan(1_000);
    }

    /** A JSON line that is sometimes a valid message and sometimes subtly not. */
    private static String validishLine(RandomCases cases) {
        String uuid = cases.random.nextInt(5) == 0 ? "x" : cases.uuid();
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

        assertThat(out.lines()).hasSize(1);
        JsonNode line = json.readTree(out);
        assertThat(line.get("message_type").asString()).isEqualTo("t");
        assertThat(line.get("node").asString()).startsWith("<not logged: ");
        assertThat(line.get("eliot:serialization_failure").get(0).get("field").asString())
                .isEqualTo("node");
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
