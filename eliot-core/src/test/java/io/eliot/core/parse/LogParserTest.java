package io.eliot.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogParserTest {

    private static final String A = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";
    private static final String B = "0572701c-e791-48e8-9dd2-1fb3bf06826f";

    /** The worked example of WIRE-FORMAT.md, task A, in written order. */
    private static final List<String> WORKED_EXAMPLE = List.of(
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[1],\"timestamp\":1509136967.206684,"
                    + "\"action_type\":\"parent\",\"action_status\":\"started\",\"url\":\"http://x\"}",
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[2],\"timestamp\":1509136967.2067,"
                    + "\"message_type\":\"info\",\"x\":1}",
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[3,1],\"timestamp\":1509136967.3,"
                    + "\"action_type\":\"child\",\"action_status\":\"started\"}",
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[3,2],\"timestamp\":1509136967.4,"
                    + "\"message_type\":\"info\",\"x\":2}",
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[3,3],\"timestamp\":1509136967.5,"
                    + "\"action_type\":\"child\",\"action_status\":\"succeeded\",\"result\":[1,2]}",
            "{\"task_uuid\":\"" + A + "\",\"task_level\":[4],\"timestamp\":1509136967.75,"
                    + "\"action_type\":\"parent\",\"action_status\":\"failed\","
                    + "\"exception\":\"java.lang.RuntimeException\",\"reason\":\"ono\"}");

    private static final List<String> WORKED_EXAMPLE_OUTLINE = List.of(
            "[1] parent/started",
            "[2] info",
            "  [3, 1] child/started",
            "  [3, 2] info",
            "  [3, 3] child/succeeded",
            "[4] parent/failed");

    private static final String STANDALONE_B = "{\"task_uuid\":\"" + B
            + "\",\"task_level\":[1],\"timestamp\":1509136968,\"message_type\":\"app:note\",\"n\":7}";

    @Test
    void rebuildsTheWorkedExampleWithMessagesFieldsAndDuration() {
        ParseResult result = LogParser.parse(WORKED_EXAMPLE);

        assertThat(result.problems()).isEmpty();
        assertThat(result.tasks()).hasSize(1);
        ParsedTask task = result.tasks().get(0);
        assertThat(task.complete()).isTrue();
        assertThat(task.taskUuid()).isEqualTo(A);
        assertThat(task.messageCount()).isEqualTo(6);
        assertThat(Outline.of(task)).containsExactlyElementsOf(WORKED_EXAMPLE_OUTLINE);

        ParsedAction root = (ParsedAction) task.root();
        assertThat(root.taskLevel()).isEqualTo(TaskLevel.ROOT);
        assertThat(root.actionType()).isEqualTo("parent");
        assertThat(root.status()).contains(ActionStatus.FAILED);
        assertThat(root.durationMicros()).hasValue(544_000L - 544_000L + 1509136967_750000L - 1509136967_206684L);
        assertThat(root.startMessage().orElseThrow().fields()).isEqualTo(Map.of("url", "http://x"));
        assertThat(root.endMessage().orElseThrow().fields())
                .isEqualTo(Map.of("exception", "java.lang.RuntimeException", "reason", "ono"));
        ParsedAction child = (ParsedAction) root.children().get(1);
        assertThat(child.taskLevel()).isEqualTo(TaskLevel.of(3));
        assertThat(child.isComplete()).isTrue();
        assertThat(child.endMessage().orElseThrow().fields()).isEqualTo(Map.of("result", List.of(1, 2)));
        ParsedMessage info = (ParsedMessage) root.children().get(0);
        assertThat(info.message().fields()).isEqualTo(Map.of("x", 1));
        assertThat(info.message().timestampMicros()).isEqualTo(1509136967_206700L);
        assertThat(root.missingChildLevels()).isEmpty();
    }

    static IntStream seeds() {
        return IntStream.range(0, 25);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shuffledAndInterleavedInputGivesTheSameTrees(int seed) {
        List<String> lines = new ArrayList<>(WORKED_EXAMPLE);
        lines.add(STANDALONE_B);
        lines.addAll(WORKED_EXAMPLE.stream()
                .map(l -> l.replace(A, B.replace('0', 'a')))
                .toList());
        Collections.shuffle(lines, new Random(seed));

        ParseResult result = LogParser.parse(lines);

        assertThat(result.problems()).as("seed %s", seed).isEmpty();
        Map<String, ParsedTask> byUuid =
                result.tasks().stream().collect(Collectors.toMap(ParsedTask::taskUuid, t -> t));
        assertThat(byUuid).as("seed %s", seed).hasSize(3);
        assertThat(byUuid.values()).allMatch(ParsedTask::complete, "complete");
        assertThat(Outline.of(byUuid.get(A))).containsExactlyElementsOf(WORKED_EXAMPLE_OUTLINE);
        assertThat(Outline.of(byUuid.get(B.replace('0', 'a')))).containsExactlyElementsOf(WORKED_EXAMPLE_OUTLINE);
        assertThat(Outline.of(byUuid.get(B))).containsExactly("[1] app:note");
    }

    @Test
    void handsOverEachTaskAsSoonAsItsLastMessageArrives() {
        List<String> emitted = new ArrayList<>();
        LogParser parser = new LogParser(t -> emitted.add(t.taskUuid()), p -> {});

        parser.acceptLine(WORKED_EXAMPLE.get(0), "", 1);
        parser.acceptLine(STANDALONE_B, "", 2);
        assertThat(emitted).containsExactly(B);
        for (int i = 1; i < WORKED_EXAMPLE.size() - 1; i++) {
            parser.acceptLine(WORKED_EXAMPLE.get(i), "", i + 2);
        }
        assertThat(parser.openTaskCount()).isEqualTo(1);
        parser.acceptLine(WORKED_EXAMPLE.get(WORKED_EXAMPLE.size() - 1), "", 9);

        assertThat(emitted).containsExactly(B, A);
        assertThat(parser.openTaskCount()).isZero();
    }

    @Test
    void aTaskMissingItsStartMessagesKeepsEverythingElseAndSaysWhatIsMissing() {
        List<String> lines = new ArrayList<>(WORKED_EXAMPLE);
        lines.remove(2); // child's start [3,1]
        lines.remove(0); // parent's start [1]

        ParseResult result = LogParser.parse(lines);

        assertThat(result.problems()).isEmpty();
        ParsedTask task = result.tasks().get(0);
        assertThat(task.complete()).isFalse();
        assertThat(task.messageCount()).isEqualTo(4);
        assertThat(Outline.of(task))
                .containsExactly(
                        "(start missing)",
                        "[2] info",
                        "  (start missing)",
                        "  [3, 2] info",
                        "  [3, 3] child/succeeded",
                        "[4] parent/failed");
        ParsedAction root = (ParsedAction) task.root();
        assertThat(root.startMessage()).isEmpty();
        assertThat(root.actionType()).isEqualTo("parent");
        assertThat(root.status()).contains(ActionStatus.FAILED);
        assertThat(root.durationMicros()).isEmpty();
        assertThat(root.isComplete()).isFalse();
    }

    @Test
    void aTaskMissingItsEndAndAMiddleMessageIsHandedOverAtFinish() {
        List<String> lines = new ArrayList<>(WORKED_EXAMPLE);
        lines.remove(5); // parent's end
        lines.remove(3); // [3,2] info
        List<ParsedTask> tasks = new ArrayList<>();
        LogParser parser = new LogParser(tasks::add, p -> {});
        for (int i = 0; i < lines.size(); i++) {
            parser.acceptLine(lines.get(i), "", i + 1);
        }
        assertThat(tasks).isEmpty();

        parser.finish();

        assertThat(tasks).hasSize(1);
        assertThat(Outline.of(tasks.get(0)))
                .containsExactly(
                        "[1] parent/started",
                        "[2] info",
                        "  [3, 1] child/started",
                        "  [3, 3] child/succeeded",
                        "(end missing)");
        ParsedAction child =
                (ParsedAction) ((ParsedAction) tasks.get(0).root()).children().get(1);
        assertThat(child.missingChildLevels()).containsExactly(TaskLevel.of(3, 2));
        assertThat(child.isComplete()).isFalse();
        assertThat(parser.openTaskCount()).isZero();
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumbersAndSkipped() throws Exception {
        String log = String.join(
                "\n",
                WORKED_EXAMPLE.get(0),
                "this is not json",
                "{\"task_uuid\": \"" + A + "\", \"task_level\": [2",
                "[1, 2, 3]",
                "",
                "{\"task_level\":[2],\"timestamp\":1.0}",
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[],\"timestamp\":1.0}",
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[2,0],\"timestamp\":1.0}",
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[2],\"timestamp\":\"noon\"}",
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[2],\"timestamp\":1.0,\"action_type\":\"x\"}",
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[2],\"timestamp\":1.0,\"action_type\":\"x\","
                        + "\"action_status\":\"paused\"}",
                WORKED_EXAMPLE.get(1),
                WORKED_EXAMPLE.get(1),
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[4],\"timestamp\":1.0,\"action_type\":\"other\","
                        + "\"action_status\":\"succeeded\"}",
                WORKED_EXAMPLE.get(2),
                WORKED_EXAMPLE.get(3),
                WORKED_EXAMPLE.get(4),
                WORKED_EXAMPLE.get(5));

        ParseResult result = LogParser.parse(new StringReader(log), "app.log");

        assertThat(result.problems())
                .extracting(ParseProblem::toString)
                .containsExactly(
                        "app.log:2: not JSON",
                        "app.log:3: not JSON: Unexpected end-of-input: expected close marker for Array",
                        "app.log:4: not a JSON object",
                        "app.log:6: no task_uuid",
                        "app.log:7: task_level is not a non-empty list of positive integers",
                        "app.log:8: task_level is not a non-empty list of positive integers",
                        "app.log:9: timestamp is not a number",
                        "app.log:10: action message without action_status",
                        "app.log:11: action_status is not started, succeeded or failed: paused",
                        "app.log:13: second message at task_level [2]",
                        "app.log:14: end message of type other at [4] for an action of type parent");
        assertThat(result.tasks()).hasSize(1);
        assertThat(result.tasks().get(0).complete()).isTrue();
        assertThat(Outline.of(result.tasks().get(0))).containsExactlyElementsOf(WORKED_EXAMPLE_OUTLINE);
    }

    @Test
    void acceptsParsedMapsAndRecordsWithoutChangingThem() {
        List<ParsedTask> tasks = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        LogParser parser = new LogParser(tasks::add, problems::add);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("task_uuid", A);
        start.put("task_level", List.of(1));
        start.put("timestamp", 10.5);
        start.put("action_type", "job");
        start.put("action_status", "started");
        start.put("n", 3);
        Map<String, Object> copy = new LinkedHashMap<>(start);

        parser.accept(start, "kafka", 1);
        parser.accept(MessageRecord.action(A, TaskLevel.of(2), 11_000_000L, "job", ActionStatus.SUCCEEDED, Map.of()));
        parser.accept(Map.of("task_uuid", A), "kafka", 2);

        assertThat(start).isEqualTo(copy);
        assertThat(problems).containsExactly(new ParseProblem("kafka", 2, "no task_level"));
        assertThat(tasks).hasSize(1);
        assertThat(Outline.of(tasks.get(0))).containsExactly("[1] job/started", "[2] job/succeeded");
        assertThat(((ParsedAction) tasks.get(0).root())
                        .startMessage()
                        .orElseThrow()
                        .fields())
                .isEqualTo(Map.of("n", 3));
        assertThat(((ParsedAction) tasks.get(0).root()).durationMicros()).hasValue(500_000L);
    }

    @Test
    void aTaskSeenAgainAfterItCompletedIsANewTask() {
        List<String> lines = new ArrayList<>(List.of(STANDALONE_B, STANDALONE_B.replace("[1]", "[2]")));

        ParseResult result = LogParser.parse(lines);

        assertThat(result.problems()).isEmpty();
        assertThat(result.tasks()).extracting(ParsedTask::complete).containsExactly(true, false);
        assertThat(Outline.of(result.tasks().get(1)))
                .containsExactly("(start missing)", "[2] app:note", "(end missing)");
    }

    @Test
    void buildTasksGivesOneTreePerTaskInFirstSeenOrderAndReportsWhatItRefuses() throws Exception {
        // given: task B first, then task A reversed, a duplicate of A's start, and a message after A's end
        List<MessageRecord> messages = new ArrayList<>();
        messages.add(MessageReader.readLine(STANDALONE_B));
        List<String> reversed = new ArrayList<>(WORKED_EXAMPLE);
        Collections.reverse(reversed);
        for (String line : reversed) {
            messages.add(MessageReader.readLine(line));
        }
        MessageRecord duplicate = MessageReader.readLine(WORKED_EXAMPLE.get(0));
        messages.add(duplicate);
        messages.add(MessageReader.readLine(
                "{\"task_uuid\":\"" + A + "\",\"task_level\":[5],\"timestamp\":2," + "\"message_type\":\"late\"}"));
        Map<MessageRecord, String> refused = new LinkedHashMap<>();

        // when
        List<ParsedTask> tasks = LogParser.buildTasks(messages, refused::put);

        // then
        assertThat(tasks).extracting(ParsedTask::taskUuid).containsExactly(B, A);
        assertThat(tasks.get(1).messageCount()).isEqualTo(7);
        List<String> outline = new ArrayList<>(WORKED_EXAMPLE_OUTLINE);
        outline.add(outline.size() - 1, "[5] late");
        assertThat(Outline.of(tasks.get(1))).containsExactlyElementsOf(outline);
        assertThat(refused).containsExactly(Map.entry(duplicate, "second started message at [1]"));
    }

    @Test
    void childrenAreInNumericTaskLevelOrderPastNine() {
        List<String> lines = new ArrayList<>();
        lines.add("{\"task_uuid\":\"" + A + "\",\"task_level\":[1],\"timestamp\":1,"
                + "\"action_type\":\"loop\",\"action_status\":\"started\"}");
        for (int slot = 2; slot <= 11; slot++) {
            lines.add("{\"task_uuid\":\"" + A + "\",\"task_level\":[" + slot + "],\"timestamp\":1,"
                    + "\"message_type\":\"m" + slot + "\"}");
        }
        lines.add("{\"task_uuid\":\"" + A + "\",\"task_level\":[12],\"timestamp\":2,"
                + "\"action_type\":\"loop\",\"action_status\":\"succeeded\"}");
        Collections.reverse(lines);

        ParseResult result = LogParser.parse(lines);

        assertThat(result.tasks()).hasSize(1);
        assertThat(result.tasks().get(0).complete()).isTrue();
        assertThat(Outline.of(result.tasks().get(0)))
                .containsExactly(
                        "[1] loop/started",
                        "[2] m2",
                        "[3] m3",
                        "[4] m4",
                        "[5] m5",
                        "[6] m6",
                        "[7] m7",
                        "[8] m8",
                        "[9] m9",
                        "[10] m10",
                        "[11] m11",
                        "[12] loop/succeeded");
    }

    @Test
    void aRecordThatContradictsItsTreeIsReportedWithoutASource() {
        List<ParseProblem> problems = new ArrayList<>();
        LogParser parser = new LogParser(t -> {}, problems::add);
        MessageRecord start = MessageRecord.action(A, TaskLevel.of(1), 0, "job", ActionStatus.STARTED, Map.of());

        parser.accept(start);
        parser.accept(start);

        assertThat(problems).containsExactly(new ParseProblem("", 0, "second started message at [1]"));
        assertThat(problems.get(0)).hasToString("second started message at [1]");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreNotProblems() {
        ParseResult result = LogParser.parse("\uFEFF" + String.join("\r\n", WORKED_EXAMPLE) + "\r\n");

        assertThat(result.problems()).isEmpty();
        assertThat(Outline.of(result.tasks().get(0))).containsExactlyElementsOf(WORKED_EXAMPLE_OUTLINE);
    }

    @Test
    void streamsTasksLazilyReadingOnlyAsFarAsTheNextCompletedTask() throws Exception {
        List<String> lines = new ArrayList<>(List.of(STANDALONE_B));
        lines.addAll(WORKED_EXAMPLE.subList(0, 3));
        AtomicInteger read = new AtomicInteger();
        BufferedReader reader = new BufferedReader(new StringReader(String.join("\n", lines))) {
            @Override
            public String readLine() throws IOException {
                String line = super.readLine();
                if (line != null) {
                    read.incrementAndGet();
                }
                return line;
            }
        };
        List<ParseProblem> problems = new ArrayList<>();

        try (var tasks = LogParser.stream(reader, "s", problems::add)) {
            var it = tasks.iterator();
            assertThat(it.next().taskUuid()).isEqualTo(B);
            assertThat(read.get()).as("lines read for the first task").isEqualTo(1);
            ParsedTask incomplete = it.next();
            assertThat(incomplete.complete()).isFalse();
            assertThat(Outline.of(incomplete))
                    .containsExactly(
                            "[1] parent/started",
                            "[2] info",
                            "  [3, 1] child/started",
                            "  (end missing)",
                            "(end missing)");
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aProblemPrintsAsSourceLineReasonAndLeavesOutWhatIsUnknown() {
        assertThat(new ParseProblem("app.log", 3, "not JSON")).hasToString("app.log:3: not JSON");
        assertThat(new ParseProblem("logs/0@17", 0, "not JSON")).hasToString("logs/0@17: not JSON");
        assertThat(new ParseProblem("", 3, "not JSON")).hasToString("3: not JSON");
        assertThat(new ParseProblem("", 0, "not JSON")).hasToString("not JSON");
    }
}
