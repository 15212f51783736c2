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
                        .as(cases.label(i) + ": no control or non-ASCII characters")
                        .allMatch(c -> c >= 0x20 && c < 0x7f);
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
}
