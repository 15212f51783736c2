package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.parse.ParsedTask;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskContinuationTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final TaskContinuation JOBS = TaskContinuation.of("jobs:run");

    @Test
    void workWithoutATaskIdIsANewTaskWithItsFields() {
        ContinuedTask work = JOBS.start((String) null, Map.of("job", 7));
        work.run(() -> Message.log("jobs:step"));

        assertThat(work.isContinued()).isFalse();
        assertThat(work.remoteTask()).isEmpty();
        assertThat(ParsedOutline.only(log.messages(), "job")).isEqualTo("""
                / jobs:run succeeded job=7
                  /2 jobs:step
                """);
    }

    @Test
    void workWithAValidTaskIdContinuesTheSendersTaskInsideARemoteTask() {
        Action sender = Eliot.startTask("jobs:enqueue");
        String taskId = sender.serializeTaskId();

        ContinuedTask work = JOBS.start(taskId, Map.of("job", 7));
        work.run(() -> Eliot.startAction("jobs:inner").run(() -> Message.log("jobs:step")));
        sender.finish();

        assertThat(work.isContinued()).isTrue();
        assertThat(work.taskUuid()).isEqualTo(sender.taskUuid());
        assertThat(work.remoteTask().orElseThrow().actionType()).isEqualTo(Action.REMOTE_TASK);
        assertThat(ParsedOutline.only(log.messages(), "job")).isEqualTo("""
                / jobs:enqueue succeeded
                  /2 eliot:remote_task succeeded
                    /2/2 jobs:run succeeded job=7
                      /2/2/2 jobs:inner succeeded
                        /2/2/2/2 jobs:step
                """);
    }

    @Test
    void anInvalidTaskIdStartsANewTaskWhoseFirstMessageSaysWhy() {
        String invalid = "not-a-task-id\"\n";
        String expected = problemOf(invalid);

        ContinuedTask work = JOBS.withHeaderName("job-task").start(invalid, Map.of());
        work.run(() -> Message.log("jobs:step"));

        assertThat(work.isContinued()).isFalse();
        assertThat(ParsedOutline.only(log.messages(), "header", "problem")).isEqualTo("""
                / jobs:run succeeded
                  /2 eliot:invalid_task_id header=job-task problem=%s
                  /3 jobs:step
                """.formatted(expected));
        assertThat(expected).doesNotContain("\n").contains("\\u0022");
    }

    @Test
    void severalTaskIdsAreRefusedEvenWhenEachIsValid() {
        Action sender = Eliot.startTask("jobs:enqueue");
        List<String> values = List.of(sender.serializeTaskId(), sender.serializeTaskId());

        ContinuedTask work = JOBS.withHeaderName("X-Job-Task").startFromHeaders(values, Map.of());
        work.finish();
        sender.finish();

        assertThat(work.isContinued()).isFalse();
        assertThat(work.taskUuid()).isNotEqualTo(sender.taskUuid());
        MessageRecord rejection = log.messages().stream()
                .filter(m -> TaskContinuation.INVALID_TASK_ID.equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(rejection.fields())
                .containsExactly(
                        Map.entry("header", "X-Job-Task"), Map.entry("problem", "more than one X-Job-Task header"));
    }

    @Test
    void noHeaderValueIsNoTaskIdAndOneValueIsContinued() {
        Action sender = Eliot.startTask("jobs:enqueue");

        ContinuedTask none = JOBS.startFromHeaders(List.of(), Map.of());
        ContinuedTask one =
                JOBS.startFromHeaderBytes(List.of(sender.serializeTaskId().getBytes(StandardCharsets.UTF_8)), Map.of());
        none.finish();
        one.finish();
        sender.finish();

        assertThat(none.isContinued()).isFalse();
        assertThat(one.isContinued()).isTrue();
        assertThat(log.messages()).noneMatch(m -> TaskContinuation.INVALID_TASK_ID.equals(m.messageType()));
    }

    @Test
    void bytesAreReadAsUtf8WhenTheyAreUtf8AndOneCharacterPerByteOtherwise() {
        JOBS.start("café@/1".getBytes(StandardCharsets.UTF_8), Map.of()).finish();
        JOBS.start(new byte[] {'x', (byte) 0xff, (byte) 0xc3, 'y'}, Map.of()).finish();
        // A header an HTTP server decoded one character per byte reads as its sender wrote it.
        JOBS.start(new String("café@/1".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), Map.of())
                .finish();

        assertThat(problems()).containsExactly(problemOf("café@/1"), problemOf("x\u00ff\u00c3y"), problemOf("café@/1"));
        assertThat((String) problems().get(0)).endsWith("\"café@/1\"");
    }

    @Test
    void withTheRedeliveryCheckAnIdContinuedBeforeStartsATaskThatNamesIt() {
        TaskContinuation queue = TaskContinuation.of("queue:consume").withRedeliveryCheck();
        Action sender = Eliot.startTask("queue:send");
        String taskId = sender.serializeTaskId();

        ContinuedTask first = queue.start(taskId, Map.of("attempt", 1));
        first.finish(new IllegalStateException("busy"));
        ContinuedTask again = queue.start(taskId, Map.of("attempt", 2));
        again.finish();
        sender.finish();

        assertThat(first.isContinued()).isTrue();
        assertThat(again.isContinued()).isFalse();
        List<ParsedTask> tasks = ParsedOutline.tasks(log.messages());
        assertThat(tasks.stream().map(t -> ParsedOutline.of(t, "attempt", "redelivered_task_id")))
                .containsExactlyInAnyOrder("""
                        / queue:send succeeded
                          /2 eliot:remote_task failed
                            /2/2 queue:consume failed attempt=1
                        """, """
                        / queue:consume succeeded attempt=2 redelivered_task_id=%s
                        """.formatted(taskId));
    }

    @Test
    void withoutTheRedeliveryCheckAnIdIsContinuedEachTime() {
        Action sender = Eliot.startTask("queue:send");
        String taskId = sender.serializeTaskId();

        ContinuedTask first = JOBS.start(taskId, Map.of());
        first.finish();
        ContinuedTask again = JOBS.start(taskId, Map.of());
        again.finish();
        sender.finish();

        assertThat(first.isContinued()).isTrue();
        assertThat(again.isContinued()).isTrue();
    }

    @Test
    void anInvalidIdGivenAgainWithTheRedeliveryCheckIsRefusedAgainNotRedelivered() {
        TaskContinuation queue = TaskContinuation.of("queue:consume").withRedeliveryCheck();

        queue.start("garbage", Map.of()).finish();
        queue.start("garbage", Map.of()).finish();

        assertThat(problems()).hasSize(2);
        assertThat(log.messages()).noneMatch(m -> m.fields().containsKey(TaskContinuation.REDELIVERED_TASK_ID));
    }

    @Test
    void runFailsBothActionsWithTheExceptionAndRethrowsIt() {
        Action sender = Eliot.startTask("jobs:enqueue");
        IllegalStateException boom = new IllegalStateException("boom");

        ContinuedTask work = JOBS.start(sender.serializeTaskId(), Map.of());
        assertThatThrownBy(() -> work.run(() -> {
                    throw boom;
                }))
                .isSameAs(boom);
        sender.finish();

        assertThat(work.isFinished()).isTrue();
        assertThat(ParsedOutline.only(log.messages(), "exception", "reason")).isEqualTo("""
                / jobs:enqueue succeeded
                  /2 eliot:remote_task failed exception=java.lang.IllegalStateException reason=boom
                    /2/2 jobs:run failed exception=java.lang.IllegalStateException reason=boom
                """);
    }

    @Test
    void callReturnsTheValueWithTheActionCurrentAndNothingLeftCurrentAfter() throws Exception {
        ContinuedTask work = JOBS.start((String) null, Map.of());

        Action current = work.call(() -> Eliot.currentAction().orElseThrow());

        assertThat(current).isSameAs(work.action());
        assertThat(Eliot.currentAction()).isEmpty();
        assertThat(work.isFinished()).isTrue();
    }

    @Test
    void successFieldsGoToTheWorksActionOnly() {
        Action sender = Eliot.startTask("jobs:enqueue");
        ContinuedTask work = JOBS.start(sender.serializeTaskId(), Map.of());

        assertThat(work.finish(Map.of("outcome", "acked"))).isTrue();
        assertThat(work.finish(new IllegalStateException("late"))).isFalse();
        sender.finish();

        assertThat(ParsedOutline.only(log.messages(), "outcome", "exception")).isEqualTo("""
                / jobs:enqueue succeeded
                  /2 eliot:remote_task succeeded
                    /2/2 jobs:run succeeded outcome=acked
                """);
    }

    @Test
    void anHttpStatusIsASuccessFieldAndA5xxFailsBothActions() {
        Action sender = Eliot.startTask("http:client");
        TaskContinuation requests = TaskContinuation.of("http:request");
        requests.start((String) null, Map.of()).finishWithHttpStatus(404);
        requests.start(sender.serializeTaskId(), Map.of()).finishWithHttpStatus(503);
        sender.finish();

        List<ParsedTask> tasks = ParsedOutline.tasks(log.messages());
        assertThat(tasks.stream().map(t -> ParsedOutline.of(t, "status", "exception", "reason")))
                .containsExactlyInAnyOrder("""
                        / http:request succeeded status=404
                        """, """
                        / http:client succeeded
                          /2 eliot:remote_task failed status=503 exception=io.eliot.core.HttpServerErrorStatus \
                        reason=HTTP status 503
                            /2/2 http:request failed status=503 exception=io.eliot.core.HttpServerErrorStatus \
                        reason=HTTP status 503
                        """);
    }

    @Test
    void twoThreadsFinishingAtOnceFinishEachWorkExactlyOnce() throws Exception {
        Action sender = Eliot.startTask("jobs:enqueue");
        int rounds = 200;
        for (int i = 0; i < rounds; i++) {
            ContinuedTask work = JOBS.start(sender.serializeTaskId(), Map.of("round", i));
            IllegalStateException cancelled = new IllegalStateException("cancelled");
            boolean[] won = Races.race(() -> work.finish(Map.of("status", 200)), () -> work.finish(cancelled));
            assertThat(won[0] ^ won[1])
                    .as("exactly one finish wins in round " + i)
                    .isTrue();
        }
        sender.finish();

        ParsedTask task = ParsedOutline.tasks(log.messages()).get(0);
        assertThat(task.complete()).isTrue();
        String outline = ParsedOutline.of(task, "status", "exception");
        assertThat(outline.lines().filter(l -> l.contains("jobs:run"))).hasSize(rounds);
        // Every remote task ends as its work did: both succeeded (with status on the work only) or both failed.
        List<String> lines = outline.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("eliot:remote_task")) {
                String remote = lines.get(i);
                String work = lines.get(i + 1);
                if (remote.contains("succeeded")) {
                    assertThat(work).contains("jobs:run succeeded status=200").doesNotContain("exception");
                } else {
                    assertThat(remote).contains("failed exception=java.lang.IllegalStateException");
                    assertThat(work).contains("jobs:run failed exception=java.lang.IllegalStateException");
                }
            }
        }
        assertThat(log.messages().stream().filter(m -> m.isAction() && m.actionStatus() != ActionStatus.STARTED))
                .hasSize(2 * rounds + 1);
    }

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentWithoutATaskIdStartsANewTaskRecordingTheCallersTrace() {
        ContinuedTask work = JOBS.startFromHeaders(List.of(), List.of(TRACEPARENT), Map.of("job", 7));
        work.run(() -> Message.log("jobs:step"));

        assertThat(work.isContinued()).isFalse();
        MessageRecord start = log.messages().get(0);
        assertThat(start.actionType()).isEqualTo("jobs:run");
        assertThat(start.taskUuid()).doesNotContain("4bf92f35");
        assertThat(start.fields())
                .containsEntry("job", 7)
                .containsEntry(TaskContinuation.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry(TaskContinuation.PARENT_SPAN_ID, "00f067aa0ba902b7");
        assertThat(log.messages()).noneMatch(m -> TaskContinuation.INVALID_TRACEPARENT.equals(m.messageType()));
    }

    @Test
    void aTraceparentWithATaskIdContinuesTheTaskAndRecordsTheTraceToo() {
        Action sender = Eliot.startTask("jobs:enqueue");
        String taskId = sender.serializeTaskId();

        ContinuedTask work = JOBS.startFromHeaders(List.of(taskId), List.of(TRACEPARENT), Map.of());
        work.run(() -> {});
        sender.finish();

        assertThat(work.taskUuid()).isEqualTo(sender.taskUuid());
        MessageRecord start = log.messages().stream()
                .filter(m -> "jobs:run".equals(m.actionType()))
                .findFirst()
                .orElseThrow();
        assertThat(start.fields()).containsEntry(TaskContinuation.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMalformedTraceparentIsLoggedInsideTheWorkQuotedEscapedAndAddsNothing() {
        String hostile = "00-\u001b[2J" + "a".repeat(5_000);
        ContinuedTask work = JOBS.startFromHeaders(List.of(), List.of(hostile), Map.of());
        work.run(() -> {});

        MessageRecord start = log.messages().get(0);
        assertThat(start.fields()).doesNotContainKeys(TaskContinuation.TRACE_ID, TaskContinuation.PARENT_SPAN_ID);
        MessageRecord invalid = log.messages().get(1);
        assertThat(invalid.messageType()).isEqualTo(TaskContinuation.INVALID_TRACEPARENT);
        assertThat(invalid.taskUuid()).isEqualTo(start.taskUuid());
        assertThat(invalid.fields().get("header")).isEqualTo("traceparent");
        String problem = (String) invalid.fields().get("problem");
        assertThat(problem)
                .startsWith("invalid traceparent: it ")
                .contains("\\u001b")
                .doesNotContain("\u001b");
        assertThat(problem).hasSizeLessThan(250);
    }

    @Test
    void severalTraceparentsAreRefusedLikeSeveralTaskIds() {
        JOBS.startFromHeaders(null, List.of(TRACEPARENT, TRACEPARENT), Map.of()).run(() -> {});

        assertThat(log.messages().get(0).fields()).doesNotContainKey(TaskContinuation.TRACE_ID);
        assertThat(log.messages().get(1).fields().get("problem")).isEqualTo("more than one traceparent header");
    }

    private List<Object> problems() {
        return log.messages().stream()
                .filter(m -> TaskContinuation.INVALID_TASK_ID.equals(m.messageType()))
                .map(m -> m.fields().get("problem"))
                .toList();
    }

    /** The problem {@link Eliot#continueTask} names for {@code id}. */
    private static String problemOf(String id) {
        try {
            Eliot.continueTask(id);
        } catch (InvalidTaskIdException e) {
            return e.getMessage();
        }
        throw new AssertionError("valid: " + id);
    }
}
