package io.eliot.testing;

import static io.eliot.testing.EliotAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code assertThat(log)}: each step keeps the actions that satisfy it; a failure shows why each was left out. */
@CaptureLogging
class FluentAssertionsTest {

    private String task;

    /** A checkout whose first charge fails and whose second succeeds. */
    @BeforeEach
    void checkout(CapturedLog log) {
        Eliot.startTask("shop:checkout", "cart", "c-7").run(() -> {
            try {
                Eliot.startAction("shop:charge", "attempt", 1).run(() -> {
                    throw new IllegalStateException("timeout");
                });
            } catch (IllegalStateException expected) {
                // the first attempt fails
            }
            Eliot.startAction("shop:charge", "attempt", 2).run(() -> Message.log("shop:charge:accepted"));
            Eliot.currentAction().orElseThrow().addSuccessField("total", 12.5);
        });
        task = log.messages().get(0).taskUuid();
    }

    private String tree(String... notes) {
        return """
                task %s
                └─ shop:checkout/started [1]  cart="c-7"%s
                   ├─ shop:charge/started [2, 1]  attempt=1%s
                   │  └─ shop:charge/failed [2, 2]  exception="java.lang.IllegalStateException"  reason="timeout"
                   ├─ shop:charge/started [3, 1]  attempt=2%s
                   │  ├─ shop:charge:accepted [3, 2]
                   │  └─ shop:charge/succeeded [3, 3]
                   └─ shop:checkout/succeeded [4]  total=12.5""".formatted(task, notes[0], notes[1], notes[2]);
    }

    @Test
    void aChainPassesWhenOneActionSatisfiesEveryStep(CapturedLog log) {
        assertThat(log)
                .hasAction("shop:checkout")
                .succeeded()
                .withStartFields(Map.of("cart", "c-7"))
                .withEndFields(Map.of("total", 12.5))
                .withChild("shop:charge")
                .withDescendant("shop:charge:accepted");
        assertThat(log)
                .hasAction("shop:charge")
                .failedWith(RuntimeException.class)
                .withStartFields(Map.of("attempt", 1));
        assertThat(log).hasMessage("shop:charge:accepted");
    }

    @Test
    void childGoesOnWithTheChildActionsOfTheTypeAndActionGivesTheFirstKept(CapturedLog log) {
        // when
        LoggedAction charge = assertThat(log)
                .hasAction("shop:checkout")
                .child("shop:charge")
                .succeeded()
                .withChild("shop:charge:accepted")
                .action();

        // then
        assertThat(charge.startMessage().fields()).containsEntry("attempt", 2);
    }

    @Test
    void aStepThatNoActionSatisfiesFailsMarkingEachWithWhatItLacks(CapturedLog log) {
        assertThatThrownBy(() -> assertThat(log).hasAction("shop:checkout").withChild("shop:refund"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an action of type shop:checkout with a child shop:refund, but no logged action"
                        + " of type shop:checkout matches:\n"
                        + tree("  ◀ no child shop:refund", "", ""));
    }

    @Test
    void actionsLeftOutByEarlierStepsKeepTheirReason(CapturedLog log) {
        assertThatThrownBy(
                        () -> assertThat(log).hasAction("shop:charge").failed().withStartFields(Map.of("attempt", 2)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an action of type shop:charge that failed, with start fields {attempt=2}, but no"
                        + " logged action of type shop:charge matches:\n"
                        + tree("", "  ◀ start: attempt=1 (expected 2)", "  ◀ succeeded"));
    }

    @Test
    void failedWithNamesTheExceptionEachActionFailedWithOrThatItDidNot(CapturedLog log) {
        assertThatThrownBy(() -> assertThat(log).hasAction("shop:charge").failedWith(IOException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an action of type shop:charge that failed with java.io.IOException, but no"
                        + " logged action of type shop:charge matches:\n"
                        + tree("", "  ◀ failed with java.lang.IllegalStateException", "  ◀ succeeded"));
    }

    @Test
    void aChildStepFailureNamesTheParentItLookedIn(CapturedLog log) {
        assertThatThrownBy(() -> assertThat(log)
                        .hasAction("shop:checkout")
                        .succeeded()
                        .child("shop:charge")
                        .withStartFields(Map.of("attempt", 3)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an action of type shop:charge (inside an action of type shop:checkout that"
                        + " succeeded) with start fields {attempt=3}, but no logged action of type shop:charge"
                        + " matches:\n"
                        + tree("", "  ◀ start: attempt=1 (expected 3)", "  ◀ start: attempt=2 (expected 3)"));
    }

    @Test
    void aChildStepWithNoSuchChildFailsOnTheParents(CapturedLog log) {
        assertThatThrownBy(() -> assertThat(log).hasAction("shop:checkout").child("shop:charge:accepted"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected an action of type shop:checkout with a child action shop:charge:accepted, but"
                        + " no logged action of type shop:checkout matches:\n"
                        + tree("  ◀ no child action shop:charge:accepted", "", ""));
    }

    @Test
    void messageStepsWorkTheSameWay(CapturedLog log) {
        assertThatThrownBy(
                        () -> assertThat(log).hasMessage("shop:charge:accepted").withFields(Map.of("by", "bank")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected a message of type shop:charge:accepted with fields {by=\"bank\"}, but no logged"
                        + " message of type shop:charge:accepted matches:\n"
                        + tree("", "", "").replace("accepted [3, 2]", "accepted [3, 2]  ◀ no field by"));
    }
}
