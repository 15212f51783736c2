package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ActionTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    static final class PaymentDeclined extends Exception {
        final String code;

        PaymentDeclined(String code) {
            super("declined: " + code);
            this.code = code;
        }
    }

    @Test
    void runFinishesAsSucceededWithStartAndSuccessFields() {
        Eliot.startAction("app:store", "key", 123, "foo", "bar")
                .run(() -> Eliot.currentAction().orElseThrow().addSuccessField("result", 7));

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(2);
        assertThat(m.get(0).fields()).containsExactly(Map.entry("key", 123), Map.entry("foo", "bar"));
        assertThat(m.get(1).actionStatus()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(m.get(1).fields()).containsExactly(Map.entry("result", 7));
    }

    @Test
    void callReturnsTheValueAndRethrowsCheckedExceptionsUnchanged() throws Exception {
        int value = Eliot.startAction("app:compute").call(() -> 42);
        IOException boom = new IOException("disk");

        assertThat(value).isEqualTo(42);
        assertThatThrownBy(() -> Eliot.startAction("app:read").call(() -> {
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(log.messages().get(3).fields())
                .containsExactly(Map.entry("exception", "java.io.IOException"), Map.entry("reason", "disk"));
    }

    @Test
    void reasonIsToStringWhenTheExceptionHasNoMessage() {
        assertThatThrownBy(() -> Eliot.startAction("app:x").run(() -> {
                    throw new IllegalStateException();
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(log.messages().get(1).fields()).containsEntry("reason", "java.lang.IllegalStateException");
    }

    @Test
    void finishAsSuccessNotesTheHandledExceptionInTheSucceededMessage() {
        Action action = Eliot.startAction("app:lookup");
        action.addSuccessField("found", false);
        action.finishAsSuccess(new java.util.NoSuchElementException("no order 42"));

        assertThat(log.messages().get(1).actionStatus()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log.messages().get(1).fields())
                .containsExactly(
                        Map.entry("found", false),
                        Map.entry("handled_exception", "java.util.NoSuchElementException"),
                        Map.entry("handled_reason", "no order 42"));
    }

    @Test
    void aGetterThatLogsWhileItsObjectIsEncodedIsNotLoggedAgainButCounted() throws Exception {
        class Chatty {
            public String getName() {
                Eliot.log("chatty:getter");
                return "chatty";
            }
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("eliot", ".log");
        io.eliot.core.destination.JsonFileDestination destination =
                io.eliot.core.destination.JsonFileDestination.open(file);
        long before = Eliot.deliveryCounters().droppedWhileWriting();
        Eliot.addDestination(destination);
        try {
            Eliot.log("app:event", "thing", new Chatty());
        } finally {
            Eliot.removeDestination(destination);
            destination.close();
        }

        assertThat(java.nio.file.Files.readAllLines(file))
                .singleElement()
                .asString()
                .contains("\"name\":\"chatty\"");
        assertThat(log.messages()).extracting(MessageRecord::type).containsExactly("app:event");
        assertThat(Eliot.deliveryCounters().droppedWhileWriting()).isEqualTo(before + 1);
        java.nio.file.Files.delete(file);
    }

    @Test
    void finishingTwiceIsANoOp() {
        Action action = Eliot.startAction("app:x");
        action.finish();
        action.finish(new RuntimeException("late"));
        action.finish();

        assertThat(TaskTrees.render(log.messages())).containsExactly("[1] app:x/started", "[2] app:x/succeeded");
        assertThat(action.isFinished()).isTrue();
    }

    @Test
    void childActionsNestUnderTheCurrentActionAndTasksDoNot() {
        Eliot.startTask("outer").run(() -> {
            Eliot.startAction("inner").run(() -> {});
            Eliot.startTask("separate").run(() -> {});
        });

        List<MessageRecord> m = log.messages();
        String outer = m.get(0).taskUuid();
        assertThat(TaskTrees.render(TaskTrees.byTask(m).get(outer)))
                .containsExactly(
                        "[1] outer/started", "[2, 1] inner/started", "[2, 2] inner/succeeded", "[3] outer/succeeded");
        MessageRecord separate = m.stream()
                .filter(r -> "separate".equals(r.actionType()))
                .findFirst()
                .orElseThrow();
        assertThat(separate.taskUuid()).isNotEqualTo(outer);
        assertThat(separate.taskLevel()).isEqualTo(TaskLevel.of(1));
    }

    @Test
    void startChildNestsUnderTheGivenActionWhateverIsCurrent() {
        Action parent = Eliot.startTask("parent");
        Eliot.startTask("other").run(() -> parent.startChild("child", "n", 1).finish());
        parent.finish();

        List<MessageRecord> tree = TaskTrees.byTask(log.messages()).get(parent.taskUuid());
        assertThat(TaskTrees.render(tree))
                .containsExactly(
                        "[1] parent/started", "[2, 1] child/started", "[2, 2] child/succeeded", "[3] parent/succeeded");
    }

    @Test
    void failedActionCarriesExtractedFieldsOfTheMostSpecificRegisteredClass() {
        Eliot.registerExceptionExtractor(PaymentDeclined.class, e -> Map.of("code", e.code));
        Eliot.registerExceptionExtractor(Exception.class, e -> Map.of("generic", true));

        assertThatThrownBy(() -> Eliot.startAction("shop:charge").run(() -> {
                    throw new PaymentDeclined("insufficient_funds");
                }))
                .isInstanceOf(PaymentDeclined.class);

        assertThat(log.messages().get(1).fields())
                .containsExactly(
                        Map.entry("exception", "io.eliot.core.ActionTest$PaymentDeclined"),
                        Map.entry("reason", "declined: insufficient_funds"),
                        Map.entry("code", "insufficient_funds"));
        Eliot.registerExceptionExtractor(Exception.class, e -> Map.of());
    }

    @Test
    void builtInExtractorsDescribeFileAndSqlFailures() {
        Action files = Eliot.startAction("app:read");
        files.finish(new NoSuchFileException("/data/in.csv"));
        Action sql = Eliot.startAction("app:query");
        sql.finish(new SQLException("no table", "42P01", 7));

        assertThat(log.messages().get(1).fields()).containsEntry("file", "/data/in.csv");
        assertThat(log.messages().get(3).fields())
                .containsEntry("sql_state", "42P01")
                .containsEntry("error_code", 7);
    }

    @Test
    void failedActionListsTheCauseChainBoundedInDepthAndLength() {
        Throwable root = new IllegalStateException("x".repeat(500));
        Throwable chain = root;
        for (int i = 0; i < 7; i++) {
            chain = new RuntimeException("wrapper " + i, chain);
        }
        Eliot.startAction("app:x").finish(new IOException("top", chain));

        @SuppressWarnings("unchecked")
        List<Map<String, String>> causes =
                (List<Map<String, String>>) log.messages().get(1).fields().get("cause");
        assertThat(causes).hasSize(6);
        assertThat(causes.get(0))
                .containsExactly(
                        Map.entry("exception", "java.lang.RuntimeException"), Map.entry("reason", "wrapper 6"));
        assertThat(causes.get(4)).containsEntry("reason", "wrapper 2");
        assertThat(causes.get(5)).containsEntry("exception", "...");
    }

    @Test
    void aLongCauseMessageIsCutWithItsLength() {
        Eliot.startAction("app:x").finish(new IOException("top", new IllegalStateException("y".repeat(500))));

        @SuppressWarnings("unchecked")
        List<Map<String, String>> causes =
                (List<Map<String, String>>) log.messages().get(1).fields().get("cause");
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).get("reason")).isEqualTo("y".repeat(200) + "... (500 characters)");
        assertThat(log.messages().get(1).fields()).containsEntry("reason", "top");
    }

    @Test
    void anExceptionWithoutACauseHasNoCauseField() {
        Eliot.startAction("app:x").finish(new IOException("top"));

        assertThat(log.messages().get(1).fields()).doesNotContainKey("cause");
    }

    @Test
    void anExtractorThatThrowsBecomesATracebackInsideTheActionAndTheFailureIsStillLogged() {
        class Odd extends RuntimeException {}
        Eliot.registerExceptionExtractor(Odd.class, e -> {
            throw new IllegalStateException("extractor broke");
        });

        assertThatThrownBy(() -> Eliot.startAction("app:x").run(() -> {
                    throw new Odd();
                }))
                .isInstanceOf(Odd.class);

        List<MessageRecord> m = log.messages();
        assertThat(TaskTrees.render(m)).containsExactly("[1] app:x/started", "[2] eliot:traceback", "[3] app:x/failed");
        assertThat(m.get(1).fields()).containsEntry("exception", "java.lang.IllegalStateException");
        assertThat(m.get(1).fields().get("traceback").toString()).contains("extractor broke");
        TaskTrees.assertComplete(m);
    }

    @Test
    void writeTracebackLogsTheStackTraceInsideTheCurrentAction() {
        Eliot.startTask("app:x").run(() -> {
            try {
                throw new IllegalArgumentException("bad input");
            } catch (IllegalArgumentException e) {
                Eliot.writeTraceback(e);
            }
        });

        MessageRecord traceback = log.messages().get(1);
        assertThat(traceback.taskLevel()).isEqualTo(TaskLevel.of(2));
        assertThat(traceback.messageType()).isEqualTo("eliot:traceback");
        assertThat(traceback.fields())
                .containsEntry("exception", "java.lang.IllegalArgumentException")
                .containsEntry("reason", "bad input");
        assertThat((String) traceback.fields().get("traceback"))
                .startsWith("java.lang.IllegalArgumentException: bad input")
                .contains("at io.eliot.core.ActionTest");
    }

    @Test
    void scopeSucceedsOnlyWhenSucceedWasCalled() {
        try (ActionScope scope = Eliot.startAction("app:ok").scope()) {
            Message.log("app:inside");
            scope.succeed(Map.of("rows", 3));
        }

        assertThat(TaskTrees.render(log.messages()))
                .containsExactly("[1] app:ok/started", "[2] app:inside", "[3] app:ok/succeeded");
        assertThat(log.messages().get(2).fields()).isEqualTo(Map.of("rows", 3));
    }

    @Test
    void scopeLeftByAnExceptionIsFailedNeverSucceeded() {
        assertThatThrownBy(() -> {
                    try (ActionScope scope = Eliot.startAction("app:broken").scope()) {
                        if (scope != null) {
                            throw new IllegalStateException("midway");
                        }
                        scope.succeed();
                    }
                })
                .hasMessage("midway");

        MessageRecord end = log.messages().get(1);
        assertThat(end.actionStatus()).isEqualTo(ActionStatus.FAILED);
        assertThat(end.fields()).containsEntry("exception", "io.eliot.core.ActionNotSucceededException");
        assertThat((String) end.fields().get("reason")).contains("succeed()");
    }

    @Test
    void scopeRecordsTheRealExceptionWhenGivenOne() {
        try (ActionScope scope = Eliot.startAction("app:broken").scope()) {
            try {
                throw new IOException("disk full");
            } catch (IOException e) {
                scope.fail(e);
            }
        }

        assertThat(log.messages().get(1).fields())
                .containsEntry("exception", "java.io.IOException")
                .containsEntry("reason", "disk full");
    }

    @Test
    void contextDoesNotFinishTheAction() {
        Action action = Eliot.startAction("app:frob");
        try (ContextScope scope = action.context()) {
            assertThat(Eliot.currentAction()).contains(action);
            assertThat(scope.action()).isSameAs(action);
        }
        assertThat(Eliot.currentAction()).isEmpty();
        try (ContextScope ignored = action.context()) {
            Message.log("app:more");
        }

        assertThat(action.isFinished()).isFalse();
        action.finish();
        assertThat(TaskTrees.render(log.messages()))
                .containsExactly("[1] app:frob/started", "[2] app:more", "[3] app:frob/succeeded");
    }

    @Test
    void currentActionIsRestoredAfterExceptionsAtEveryDepth() {
        Action outer = Eliot.startTask("outer");
        try (ContextScope ignored = outer.context()) {
            assertThatThrownBy(() -> Eliot.startAction("middle").run(() -> {
                        Eliot.startAction("inner").run(() -> {
                            throw new IllegalStateException("deep");
                        });
                    }))
                    .hasMessage("deep");
            assertThat(Eliot.currentAction()).contains(outer);
        }
        outer.finish();

        assertThat(Eliot.currentAction()).isEmpty();
        TaskTrees.assertComplete(log.messages());
    }

    @Test
    void scopesClosedOutOfOrderStillRestoreWhatWasCurrentBeforeEach() {
        Action a = Eliot.startTask("a");
        Action b = Eliot.startTask("b");
        ContextScope sa = a.context();
        ContextScope sb = b.context();

        sa.close();
        assertThat(Eliot.currentAction()).isEmpty();
        sb.close();
        sa.close();
        assertThat(Eliot.currentAction()).contains(a);
        try (ContextScope again = a.context()) {
            assertThat(again.action()).isSameAs(a);
        }
        // Clean up the misuse above: back to no action.
        new ContextScope(a, null, Thread.currentThread()).close();
        a.finish();
        b.finish();
        assertThat(Eliot.currentAction()).isEmpty();
    }

    @Test
    void nestingOneHundredDeepProducesOneCompleteTree() {
        nest(100);

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(200);
        assertThat(m.stream().map(MessageRecord::taskUuid).distinct()).hasSize(1);
        MessageRecord deepestStart = m.get(99);
        assertThat(deepestStart.actionType()).isEqualTo("level-100");
        assertThat(deepestStart.taskLevel().depth()).isEqualTo(100);
        int[] expected = new int[100];
        java.util.Arrays.fill(expected, 0, 99, 2);
        expected[99] = 1;
        assertThat(deepestStart.taskLevel())
                .as("each child takes slot 2 of its parent")
                .isEqualTo(TaskLevel.of(expected));
        assertThat(m.get(100).taskLevel()).isEqualTo(deepestStart.taskLevel().nextSibling());
        assertThat(m.get(199).actionType()).isEqualTo("level-1");
        assertThat(m.get(199).taskLevel()).isEqualTo(TaskLevel.of(3));
        TaskTrees.assertComplete(m);
    }

    private static void nest(int depth) {
        if (depth == 0) {
            return;
        }
        Eliot.startAction("level-" + (101 - depth)).run(() -> nest(depth - 1));
    }
}
