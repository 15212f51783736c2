package io.eliot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Eliot;
import io.eliot.core.Field;
import io.eliot.core.Message;
import io.eliot.core.MessageType;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.ValidationException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The log a captured test is given: what it holds, flushing tracebacks, validating. */
@CaptureLogging
class CapturedLogTest {

    static final MessageType COUNTED = MessageType.of(
            "pizza:counted", "Pizzas were counted.", Field.forTypes("count", "How many.", Integer.class));

    private CapturedLog fromBeforeEach;

    @BeforeEach
    void logSomethingFirst(CapturedLog log) {
        fromBeforeEach = log;
        Message.log("setup:done");
    }

    @AfterEach
    void theSameLogIsStillThere(CapturedLog log) {
        assertThat(log).isSameAs(fromBeforeEach);
    }

    @Test
    void theTestGetsWhatItAndItsBeforeEachMethodsLogged(CapturedLog log) {
        // when
        Eliot.startTask("shop:checkout", "cart", "c-7").run(() -> Message.log("shop:cart:priced", "total", 12.5));

        // then
        assertThat(log).isSameAs(fromBeforeEach);
        assertThat(log.messages())
                .extracting(
                        m -> m.type() + (m.isAction() ? "/" + m.actionStatus().wireName() : ""))
                .containsExactly("setup:done", "shop:checkout/started", "shop:cart:priced", "shop:checkout/succeeded");
    }

    @Test
    void workHandedToAPoolWithItsContextIsCapturedToo(CapturedLog log) throws Exception {
        // given
        ExecutorService pool = Eliot.contextPreserving(Executors.newSingleThreadExecutor());
        try {
            // when
            Eliot.startTask("job")
                    .run(() -> pool.submit(() -> Message.log("job:on_pool")).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        // then
        LoggedAction job = LoggedAction.ofType(log.messages(), "job").get(0);
        assertThat(job.descendants()).extracting(Logged::type).containsExactly("eliot:remote_task", "job:on_pool");
    }

    @Test
    void threadsStartedWithoutContextAreNotCaptured(CapturedLog log) throws Exception {
        // when
        Thread thread = new Thread(() -> Message.log("elsewhere"));
        thread.start();
        thread.join();

        // then
        assertThat(log.messages()).extracting(MessageRecord::type).containsExactly("setup:done");
    }

    @Test
    void flushTracebacksTakesTracebacksOfThatTypeAndItsSubclassesOnce(CapturedLog log) {
        // given
        Eliot.writeTraceback(new FileNotFoundException("/nonexistent"));
        Eliot.writeTraceback(new IllegalStateException("oven broke"));

        // when
        List<MessageRecord> ioErrors = log.flushTracebacks(IOException.class);
        List<MessageRecord> again = log.flushTracebacks(IOException.class);
        List<MessageRecord> stateErrors = log.flushTracebacks(IllegalStateException.class);

        // then
        assertThat(ioErrors).extracting(m -> m.fields().get("reason")).containsExactly("/nonexistent");
        assertThat(again).isEmpty();
        assertThat(stateErrors).extracting(m -> m.fields().get("reason")).containsExactly("oven broke");
        assertThat(log.messages()).as("flushed tracebacks stay in the log").hasSize(3);
    }

    @Test
    @SkipLoggingChecks(value = LoggingCheck.VALIDATION, reason = "the test logs an invalid message on purpose")
    void validateThrowsForATypedMessageThatDoesNotMatchItsType(CapturedLog log) {
        // given
        COUNTED.log("count", "three");

        // when / then
        assertThatThrownBy(log::validate)
                .isInstanceOf(ValidationException.class)
                .hasMessage("message pizza:counted at [1]: field 'count' must be an instance of"
                        + " [java.lang.Integer], was java.lang.String three");
    }

    @Test
    void toStringShowsTheTasksAsTrees(CapturedLog log) {
        // given
        Eliot.startTask("shop:checkout", "cart", "c-7").run(() -> Message.log("shop:cart:priced", "total", 12.5));
        List<MessageRecord> messages = log.messages();

        // when
        String text = log.toString();

        // then
        assertThat(text).isEqualTo("""
                        task %s
                        └─ setup:done [1]
                        task %s
                        └─ shop:checkout/started [1]  cart="c-7"
                           ├─ shop:cart:priced [2]  total=12.5
                           └─ shop:checkout/succeeded [3]""".formatted(
                        messages.get(0).taskUuid(), messages.get(1).taskUuid()));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InANestedClassWithOneInstanceForAllTests {

        @Test
        void theTestGetsItsOwnLog(CapturedLog log) {
            // when
            Message.log("nested:first");

            // then
            assertThat(log.messages()).extracting(MessageRecord::type).containsExactly("setup:done", "nested:first");
        }

        @Test
        void andTheNextTestAFreshOne(CapturedLog log) {
            // when
            Message.log("nested:second");

            // then
            assertThat(log.messages()).extracting(MessageRecord::type).containsExactly("setup:done", "nested:second");
        }
    }
}
