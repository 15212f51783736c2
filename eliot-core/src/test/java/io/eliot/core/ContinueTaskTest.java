package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.TaskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinueTaskTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String UUID = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";

    @Test
    void serializingATaskIdTakesTheNextChildSlot() {
        Action action = Eliot.startTask("client:request");

        String first = action.serializeTaskId();
        String second = action.serializeTaskId();
        Message.create("client:sent").write(action);

        assertThat(first).isEqualTo(action.taskUuid() + "@/2");
        assertThat(second).as("never reused: every call takes a slot").isEqualTo(action.taskUuid() + "@/3");
        assertThat(log.messages().get(1).taskLevel()).isEqualTo(TaskLevel.of(4));
        action.finish();
    }

    @Test
    void continuingATaskStartsARemoteTaskActionBelowTheSerializedLevel() {
        Action remote = Eliot.continueTask(UUID + "@/2/3");
        remote.run(() -> Eliot.startAction("server:divide").run(() -> {}));

        assertThat(remote.actionType()).isEqualTo("eliot:remote_task");
        assertThat(log.messages()).allSatisfy(m -> assertThat(m.taskUuid()).isEqualTo(UUID));
        assertThat(TaskTrees.render(log.messages()))
                .containsExactly(
                        "[2, 3, 1] eliot:remote_task/started",
                        "[2, 3, 2, 1] server:divide/started",
                        "[2, 3, 2, 2] server:divide/succeeded",
                        "[2, 3, 3] eliot:remote_task/succeeded");
    }

    @Test
    void aRoundTripThroughASerializedIdJoinsBothSidesIntoOneTree() {
        Action client = Eliot.startTask("client:main");
        String id = client.serializeTaskId();
        Eliot.continueTask(id).run(() -> Message.log("server:handled"));
        client.finish();

        TaskTrees.assertComplete(log.messages());
        assertThat(TaskTrees.render(log.messages()))
                .containsExactly(
                        "[1] client:main/started",
                        "[2, 1] eliot:remote_task/started",
                        "[2, 2] server:handled",
                        "[2, 3] eliot:remote_task/succeeded",
                        "[3] client:main/succeeded");
    }

    @Test
    void upperCaseUuidsAreAcceptedAndWrittenInLowerCase() {
        Eliot.continueTask(UUID.toUpperCase() + "@/1").finish();

        assertThat(log.messages().get(0).taskUuid()).isEqualTo(UUID);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                  | no '@'",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc                | no '@'",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@               | no task level",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@2/3            | no task level",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/              | empty or non-numeric",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/2//3          | empty or non-numeric",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/2/3/          | empty or non-numeric",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/0             | not positive",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/-1            | empty or non-numeric",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/2a            | other than a digit",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/1 /2          | other than a digit",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/99999999999   | larger than 2147483647",
                "not-a-uuid@/1                                       | task uuid",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cg@/1             | task uuid",
                "b1cb58cf2c2f45c092b2838ac00b20cc1234@/1             | task uuid",
                "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc@/1@/2          | other than a digit",
            })
    void malformedIdsAreRejectedWithAMessageNamingTheProblem(String id, String problem) {
        assertThatThrownBy(() -> Eliot.continueTask(id))
                .isInstanceOf(InvalidTaskIdException.class)
                .hasMessageStartingWith("invalid serialized task id: it ")
                .hasMessageContaining(problem);
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> Eliot.continueTask(null))
                .isInstanceOf(InvalidTaskIdException.class)
                .hasMessage("task id is null");
    }

    @Test
    void absurdLengthIsRejectedWithoutEchoingTheInput() {
        String huge = UUID + "@" + "/1".repeat(1_000_000);

        assertThatThrownBy(() -> Eliot.continueTask(huge))
                .isInstanceOf(InvalidTaskIdException.class)
                .hasMessageContaining("is 2000037 characters long; at most 1024")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
    }

    @Test
    void levelsDeeperThanTheCapAreRejected() {
        String deep = UUID + "@" + "/1".repeat(65);
        String deepest = UUID + "@" + "/1".repeat(64);

        assertThatThrownBy(() -> Eliot.continueTask(deep)).hasMessageContaining("deeper than 64");
        Eliot.continueTask(deepest).finish();
        assertThat(log.messages().get(0).taskLevel().depth()).isEqualTo(65);
    }

    @Test
    void controlCharactersInTheExcerptAreEscapedNeverEchoedRaw() {
        String forged = "x\n{\"task_uuid\":\"forged\"}\r\u0000";

        assertThatThrownBy(() -> Eliot.continueTask(forged))
                .isInstanceOf(InvalidTaskIdException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n", "\r", "\u0000", "\"task_uuid\"")
                        .contains("x\\u000a{\\u0022task_uuid\\u0022"));
    }

    @Test
    void lettersOfAnyScriptAreQuotedReadablyAndInvisibleCharactersEscaped() {
        // U+202E right-to-left override, U+0085 next line (C1), U+2028 line separator, U+00A0 no-break space.
        String id = "café-Grüße-日本\u202e\u0085\u2028\u00a0@/1";

        assertThatThrownBy(() -> Eliot.continueTask(id))
                .isInstanceOf(InvalidTaskIdException.class)
                .hasMessage("invalid serialized task id: it does not start with a task uuid"
                        + " (8-4-4-4-12 hexadecimal digits): \"café-Grüße-日本\\u202e\\u0085\\u2028\\u00a0@/1\"");
    }

    @Test
    void headerBytesAreReadAsUtf8WhenTheyAreUtf8AndOneCharacterPerByteOtherwise() {
        byte[] utf8 = {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9};
        byte[] notUtf8 = {'x', (byte) 0xff, (byte) 0xc3, 'y'};

        assertThat(TaskIdHeaders.decode(utf8)).isEqualTo("café");
        assertThat(TaskIdHeaders.decode(notUtf8)).isEqualTo("xÿÃy");
        assertThat(TaskIdHeaders.decode(null)).isEmpty();
        // What Tomcat makes of the same bytes (one character per byte), read again.
        assertThat(TaskIdHeaders.fromIso88591("caf\u00c3\u00a9")).isEqualTo("café");
        assertThat(TaskIdHeaders.fromIso88591("x\u00ff\u00c3y")).isEqualTo("xÿÃy");
        assertThat(TaskIdHeaders.fromIso88591("日本")).isEqualTo("日本");
        assertThat(TaskIdHeaders.fromIso88591(null)).isNull();
    }

    @Test
    void levelsParsePositiveIntegersUpToTheIntRange() {
        List<String> ids = List.of(UUID + "@/2147483647", UUID + "@/1/2/3");

        ids.forEach(id -> Eliot.continueTask(id).finish());

        assertThat(log.messages().get(0).taskLevel()).isEqualTo(TaskLevel.of(2147483647, 1));
        assertThat(log.messages().get(2).taskLevel()).isEqualTo(TaskLevel.of(1, 2, 3, 1));
    }
}
