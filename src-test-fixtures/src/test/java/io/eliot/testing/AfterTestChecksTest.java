package io.eliot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.ActionType;
import io.eliot.core.Eliot;
import io.eliot.core.Field;
import io.eliot.core.Message;
import io.eliot.core.MessageType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The checks after each captured test, watched from outside: each scenario runs in a real Jupiter
 * engine, and these tests read how it ended.
 */
class AfterTestChecksTest {

    /** An exception with a short, fixed stack trace, so failure messages can be written out in full. */
    static IllegalStateException ovenBroke() {
        IllegalStateException e = new IllegalStateException("oven broke");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.eliot.Oven", "bake", "Oven.java", 42)});
        return e;
    }

    /** A value no encoder can write: a list that holds itself. */
    /** A value Jackson cannot write: its getter throws. */
    public static final class Thermometer {
        public int getReading() {
            throw new IllegalStateException("sensor unplugged");
        }

        @Override
        public String toString() {
            return "Thermometer";
        }
    }

    static final MessageType COUNTED = MessageType.of(
            "pizza:counted", "Pizzas were counted.", Field.forTypes("count", "How many.", Integer.class));
    static final ActionType DELIVER = ActionType.of(
            "pizza:deliver",
            List.of(Field.forTypes("address", "Where to.", String.class)),
            List.of(),
            "Deliver pizzas.");

    @Scenario
    @CaptureLogging
    static class UnflushedTraceback {
        static volatile String task;

        @Test
        void logsAnUnexpectedError() {
            Eliot.startTask("shop:checkout").run(() -> {
                task = Eliot.currentAction().orElseThrow().taskUuid();
                Eliot.writeTraceback(ovenBroke());
            });
        }
    }

    @Test
    void anUnflushedTracebackFailsTheTestShowingItInItsTreeAndItsStackTrace() {
        // when
        EngineExecutionResults results = Scenarios.run(UnflushedTraceback.class);

        // then
        assertThat(Scenarios.onlyFailure(results))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        1 eliot:traceback message was logged and not flushed. If it is expected, take it with \
                        CapturedLog.flushTracebacks(ExceptionType.class); to skip this check, annotate the test with \
                        @SkipLoggingChecks(value = TRACEBACKS, reason = "...").
                        task %1$s
                        └─ shop:checkout/started [1]
                           ├─ eliot:traceback [2]  exception="java.lang.IllegalStateException"  reason="oven broke"  \
                        traceback="java.lang.IllegalStateException: oven broke\\n\\tat io.eliot.Oven.bake(Oven.java:42)\\n"  \
                        ◀ not flushed
                           └─ shop:checkout/succeeded [3]
                        Traceback at [2] in task %1$s:
                        java.lang.IllegalStateException: oven broke
                        \tat io.eliot.Oven.bake(Oven.java:42)""".formatted(UnflushedTraceback.task));
    }

    @Scenario
    @CaptureLogging
    static class ManyUnflushedTracebacks {
        @Test
        void logsFourErrors() {
            for (int i = 0; i < 4; i++) {
                Eliot.writeTraceback(ovenBroke());
            }
        }
    }

    @Test
    void manyUnflushedTracebacksAreAllMarkedButOnlyTheFirstThreeStackTracesShown() {
        // when
        String message = Scenarios.onlyFailure(Scenarios.run(ManyUnflushedTracebacks.class))
                .getMessage();

        // then
        assertThat(message)
                .startsWith("4 eliot:traceback messages were logged and not flushed. If they are expected, take them"
                        + " with CapturedLog.flushTracebacks(ExceptionType.class);")
                .endsWith("\n\tat io.eliot.Oven.bake(Oven.java:42)\n(1 more stack traces not shown)");
        assertThat(message.split("\n"))
                .filteredOn(line -> line.endsWith("◀ not flushed"))
                .hasSize(4);
        assertThat(message.split("\n"))
                .filteredOn(line -> line.startsWith("Traceback at [1] in task "))
                .hasSize(3);
    }

    @Scenario
    @CaptureLogging
    static class FlushedTraceback {
        @Test
        void expectsTheError(CapturedLog log) {
            Eliot.writeTraceback(ovenBroke());
            assertThat(log.flushTracebacks(RuntimeException.class)).hasSize(1);
        }
    }

    @Test
    void aFlushedTracebackDoesNotFailTheTest() {
        // when
        EngineExecutionResults results = Scenarios.run(FlushedTraceback.class);

        // then
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Scenario
    @CaptureLogging
    static class TracebacksSkipped {
        @Test
        @SkipLoggingChecks(value = LoggingCheck.TRACEBACKS, reason = "the oven breaks on purpose")
        void logsErrorsItDoesNotCheck() {
            Eliot.writeTraceback(ovenBroke());
        }
    }

    @Test
    void aTestCanSkipTheTracebackCheckWithAReason() {
        // when
        EngineExecutionResults results = Scenarios.run(TracebacksSkipped.class);

        // then
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Scenario
    @CaptureLogging
    @SkipLoggingChecks(value = LoggingCheck.TRACEBACKS, reason = "every test here breaks the oven")
    static class TracebacksSkippedForTheClass {
        @Nested
        class Inner {
            @Test
            void logsAnError() {
                Eliot.writeTraceback(ovenBroke());
            }
        }
    }

    @Test
    void checksSkippedOnAClassAreSkippedInItsNestedClasses() {
        // when
        EngineExecutionResults results = Scenarios.run(TracebacksSkippedForTheClass.class);

        // then
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Scenario
    @CaptureLogging
    static class BlankReason {
        @Test
        @SkipLoggingChecks(value = LoggingCheck.TRACEBACKS, reason = " ")
        void skipsWithoutSayingWhy() {}
    }

    @Test
    void skippingAChecksWithABlankReasonFailsTheTest() {
        // when
        EngineExecutionResults results = Scenarios.run(BlankReason.class);

        // then
        assertThat(Scenarios.onlyFailure(results))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@SkipLoggingChecks on io.eliot.testing.AfterTestChecksTest$BlankReason"
                        + ".skipsWithoutSayingWhy() has a blank reason; say why the checks do not apply");
    }

    @Scenario
    @CaptureLogging
    static class FailsByItself {
        @Test
        void failsAfterLoggingAnError() {
            Eliot.writeTraceback(ovenBroke());
            throw new AssertionError("the test's own failure");
        }
    }

    @Test
    void aTestThatFailsByItselfKeepsItsOwnFailureWithTheChecksFailureSuppressed() {
        // when
        Throwable failure = Scenarios.onlyFailure(Scenarios.run(FailsByItself.class));

        // then
        assertThat(failure).hasMessage("the test's own failure");
        assertThat(failure.getSuppressed())
                .singleElement()
                .satisfies(suppressed -> assertThat(suppressed.getMessage())
                        .startsWith("1 eliot:traceback message was logged and not flushed."));
    }

    @Scenario
    @CaptureLogging
    static class Unserializable {
        static volatile String task;

        @Test
        void logsAValueThatCannotBeWritten(CapturedLog log) {
            Message.log("oven:state", "parts", new Thermometer(), "temperature", 220);
            task = log.messages().get(0).taskUuid();
        }
    }

    @Test
    void aMessageThatCannotBeSerializedFailsTheTest() {
        // when
        Throwable failure = Scenarios.onlyFailure(Scenarios.run(Unserializable.class));

        // then
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("""
                        1 message cannot be serialized to JSON; to skip this check, annotate the test with \
                        @SkipLoggingChecks(value = SERIALIZATION, reason = "...").
                        task %s
                        └─ oven:state [1]  parts=Thermometer  temperature=220  ◀ field 'parts' \
                        (io.eliot.testing.AfterTestChecksTest$Thermometer) cannot be serialized: \
                        """.formatted(Unserializable.task))
                .hasMessageContaining("sensor unplugged");
    }

    @Scenario
    @CaptureLogging
    static class Invalid {
        static volatile String task;

        @Test
        void logsTypedMessagesThatDoNotMatchTheirTypes(CapturedLog log) {
            DELIVER.asTask("street", "Main St").run(() -> COUNTED.log("count", "three"));
            task = log.messages().get(0).taskUuid();
        }
    }

    @Test
    void typedMessagesThatDoNotMatchTheirTypesFailTheTest() {
        // when
        Throwable failure = Scenarios.onlyFailure(Scenarios.run(Invalid.class));

        // then
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""
                        2 messages do not match their types; to skip this check, annotate the test with \
                        @SkipLoggingChecks(value = VALIDATION, reason = "...").
                        task %s
                        └─ pizza:deliver/started [1]  street="Main St"  ◀ action pizza:deliver started at [1]: missing \
                        field 'address' (Where to.)
                           ├─ pizza:counted [2]  count="three"  ◀ message pizza:counted at [2]: field 'count' must be \
                        an instance of [java.lang.Integer], was java.lang.String three
                           └─ pizza:deliver/succeeded [3]""".formatted(Invalid.task));
    }

    @Scenario
    @CaptureLogging
    static class EveryCheckFails {
        @Test
        void logsEverythingWrong() {
            Eliot.writeTraceback(ovenBroke());
            Message.log("oven:state", "parts", new Thermometer());
            COUNTED.log("count", "three");
        }
    }

    @Test
    void everyCheckThatFailsIsReportedInOrder() {
        // when
        String message =
                Scenarios.onlyFailure(Scenarios.run(EveryCheckFails.class)).getMessage();

        // then
        assertThat(message.split("\n\n"))
                .extracting(section -> section.substring(0, section.indexOf(';')))
                .containsExactly(
                        "1 eliot:traceback message was logged and not flushed. If it is expected, take it with"
                                + " CapturedLog.flushTracebacks(ExceptionType.class)",
                        "1 message cannot be serialized to JSON",
                        "1 message does not match its type");
    }

    @Scenario
    @CaptureLogging
    static class LogInTheConstructor {
        LogInTheConstructor(CapturedLog log) {}

        @Test
        void neverRuns() {}
    }

    @Test
    void aConstructorCannotBeGivenTheLog() {
        // when
        Throwable failure = Scenarios.onlyFailure(Scenarios.run(LogInTheConstructor.class));

        // then
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("a CapturedLog is given to test methods and to @BeforeEach and @AfterEach methods, not to"
                        + " io.eliot.testing.AfterTestChecksTest$LogInTheConstructor(io.eliot.testing.CapturedLog)");
    }
}
