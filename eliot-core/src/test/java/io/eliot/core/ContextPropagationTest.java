package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ContextScope}'s capture / makeCurrent / restore, as a context-propagation library uses them. */
class ContextPropagationTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        otherThread.shutdownNow();
        assertThat(otherThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private MessageRecord logged(String type) {
        return log.messages().stream()
                .filter(m -> type.equals(m.messageType()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCapturedActionMadeCurrentOnAnotherThreadTakesItsMessagesUntilRestored() throws Exception {
        Action action = Eliot.startTask("app:request");
        AtomicReference<Action> afterRestore = new AtomicReference<>(action);
        try (ContextScope ignored = action.context()) {
            Action captured = ContextScope.capture();
            assertThat(captured).isSameAs(action);
            otherThread
                    .submit(() -> {
                        Action previous = ContextScope.makeCurrent(captured);
                        try {
                            Message.log("app:on:other:thread");
                        } finally {
                            ContextScope.restore(previous);
                        }
                        afterRestore.set(ContextScope.capture());
                    })
                    .get(10, TimeUnit.SECONDS);
        }
        action.finish();

        MessageRecord other = logged("app:on:other:thread");
        assertThat(other.taskUuid()).isEqualTo(action.taskUuid());
        assertThat(other.taskLevel().parent()).isEqualTo(action.taskLevel());
        assertThat(afterRestore.get()).as("nothing current after restore").isNull();
    }

    @Test
    void makingNoContextCurrentLogsANewTaskAndRestoreBringsTheActionBack() {
        Action action = Eliot.startTask("app:request");
        try (ContextScope ignored = action.context()) {
            Action previous = ContextScope.makeCurrent(null);
            assertThat(previous).isSameAs(action);
            Message.log("app:outside");
            ContextScope.restore(previous);
            assertThat(ContextScope.capture()).isSameAs(action);
        }
        action.finish();

        assertThat(logged("app:outside").taskUuid()).isNotEqualTo(action.taskUuid());
    }

    @Test
    void enterIsTheScopedForm() {
        Action action = Eliot.startTask("app:request");
        try (ContextScope scope = ContextScope.enter(action)) {
            assertThat(scope.action()).isSameAs(action);
            Message.log("app:inside");
        }
        assertThat(ContextScope.capture()).isNull();
        action.finish();

        assertThat(logged("app:inside").taskUuid()).isEqualTo(action.taskUuid());
    }

    @Test
    void insideAnEliotHandOffOfTheCapturedActionTheHandOffsRemoteTaskStaysCurrent() throws Exception {
        Action action = Eliot.startTask("app:request");
        AtomicReference<Action> current = new AtomicReference<>();
        try (ContextScope ignored = action.context()) {
            Action captured = ContextScope.capture();
            // The work is wrapped by Eliot and, inside, by a propagation library carrying the same action.
            Runnable work = Eliot.preserveContext(() -> {
                Action previous = ContextScope.makeCurrent(captured);
                try {
                    current.set(ContextScope.capture());
                    Message.log("app:work");
                } finally {
                    ContextScope.restore(previous);
                }
            });
            otherThread.submit(work).get(10, TimeUnit.SECONDS);
        }
        action.finish();

        assertThat(current.get()).isNotSameAs(action);
        assertThat(current.get().actionType()).isEqualTo("eliot:remote_task");
        assertThat(logged("app:work").taskLevel().parent())
                .isEqualTo(current.get().taskLevel());
    }
}
