package io.eliot.testing;

import static io.eliot.testing.EliotAssertions.assertHasAction;
import static io.eliot.testing.EliotAssertions.assertHasMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.ActionType;
import io.eliot.core.Eliot;
import io.eliot.core.Field;
import io.eliot.core.Message;
import io.eliot.core.MessageType;
import io.eliot.core.record.MessageRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code assertHasMessage} and {@code assertHasAction}: what they accept, and what their failures say. */
@CaptureLogging
class EliotAssertionsTest {

    static final Field USERNAME = Field.forTypes("username", "The user.", String.class);
    static final MessageType REGISTERED = MessageType.of("user:registered", "A user registered.", USERNAME);
    static final ActionType REGISTER = ActionType.of("user:register", List.of(USERNAME), List.of(), "Register.");

    private static String task(CapturedLog log, int index) {
        return log.messages().get(index).taskUuid();
    }

    private static void checkout(String cart, Object total) {
        Eliot.startTask("shop:checkout", "cart", cart).run(() -> {
            Message.log("shop:cart:priced", "total", total);
            Eliot.currentAction().orElseThrow().addSuccessField("total", total);
        });
    }

    private static void failedCheckout(String cart) {
        try {
            Eliot.startTask("shop:checkout", "cart", cart).run(() -> {
                throw new IllegalStateException("card declined");
            });
        } catch (IllegalStateException expected) {
            // logged as the action's failure
        }
    }

    @Test
    void assertHasMessageReturnsTheFirstMessageOfTheTypeWithTheFields(CapturedLog log) {
        // given
        checkout("c-7", 10);
        checkout("c-8", 12.5);

        // when
        LoggedMessage found = assertHasMessage(log, "shop:cart:priced", Map.of("total", 12.5));

        // then
        assertThat(found.message()).isSameAs(log.messages().get(4));
        assertThat(assertHasMessage(log, "shop:cart:priced").message())
                .isSameAs(log.messages().get(1));
    }

    @Test
    void fieldsMatchAsJsonWouldSeeThem(CapturedLog log) {
        // given
        Message.log("shape", "count", 2, "ratio", 0.5f, "sizes", new int[] {1, 2}, "nested", Map.of("n", 3L));

        // when / then
        assertHasMessage(
                log, "shape", Map.of("count", 2L, "ratio", 0.5, "sizes", List.of(1L, 2L), "nested", Map.of("n", 3)));
    }

    @Test
    void assertHasMessageWithAMessageTypeLooksForItsMessageType(CapturedLog log) {
        // given
        REGISTERED.log("username", "john");

        // when / then
        assertThat(assertHasMessage(log, REGISTERED, Map.of("username", "john")).message())
                .isSameAs(log.messages().get(0));
    }

    @Test
    void assertHasMessageFailsWhenNothingWasLogged(CapturedLog log) {
        assertThatThrownBy(() -> assertHasMessage(log, "shop:cart:priced", Map.of("total", 12.5)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected a message of type shop:cart:priced, but nothing was logged.");
    }

    @Test
    void assertHasMessageFailsShowingEverythingLoggedWhenNoMessageHasTheType(CapturedLog log) {
        // given
        Eliot.startTask("shop:browse", "page", 1).run(() -> Message.log("shop:viewed", "sku", "tea"));

        // when / then
        assertThatThrownBy(() -> assertHasMessage(log, "shop:cart:priced", Map.of("total", 12.5)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected a message of type shop:cart:priced, but no message of type shop:cart:priced was \
                        logged. Logged:
                        task %s
                        └─ shop:browse/started [1]  page=1
                           ├─ shop:viewed [2]  sku="tea"
                           └─ shop:browse/succeeded [3]""".formatted(task(log, 0)));
    }

    @Test
    void assertHasMessageFailsMarkingEachMessageOfTheTypeWithItsDifferences(CapturedLog log) {
        // given
        checkout("c-7", 10);
        Message.log("shop:cart:priced", "discount", 1);

        // when / then
        assertThatThrownBy(() -> assertHasMessage(log, "shop:cart:priced", Map.of("total", 12.5, "currency", "EUR")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected a message of type shop:cart:priced with fields {currency="EUR", total=12.5}, but no \
                        logged message of type shop:cart:priced matches:
                        task %s
                        └─ shop:checkout/started [1]  cart="c-7"
                           ├─ shop:cart:priced [2]  total=10  ◀ no field currency, total=10 (expected 12.5)
                           └─ shop:checkout/succeeded [3]  total=10
                        task %s
                        └─ shop:cart:priced [1]  discount=1  ◀ no field currency, no field total""".formatted(task(log, 0), task(log, 3)));
    }

    @Test
    void assertHasActionReturnsTheActionThatMatchesAmongSeveralOfTheType(CapturedLog log) {
        // given
        failedCheckout("c-7");
        checkout("c-7", 12.5);

        // when
        LoggedAction found = assertHasAction(log, "shop:checkout", true, Map.of("cart", "c-7"), Map.of("total", 12.5));

        // then
        assertThat(found.startMessage()).isSameAs(log.messages().get(2));
        assertThat(assertHasAction(log, "shop:checkout", false).startMessage())
                .isSameAs(log.messages().get(0));
    }

    @Test
    void assertHasActionWithAnActionTypeLooksForItsActionType(CapturedLog log) {
        // given
        REGISTER.asTask("username", "john").run(() -> {});

        // when / then
        assertThat(assertHasAction(log, REGISTER, true, Map.of("username", "john"), Map.of())
                        .succeeded())
                .isTrue();
    }

    @Test
    void assertHasActionFailsMarkingEachActionOfTheTypeWithEverythingItLacks(CapturedLog log) {
        // given
        checkout("c-7", 10);
        failedCheckout("c-8");

        // when / then
        assertThatThrownBy(
                        () -> assertHasAction(log, "shop:checkout", true, Map.of("cart", "c-8"), Map.of("total", 12.5)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected an action of type shop:checkout that succeeded, with start fields {cart="c-8"}, \
                        with end fields {total=12.5}, but no logged action of type shop:checkout matches:
                        task %s
                        └─ shop:checkout/started [1]  cart="c-7"  ◀ start: cart="c-7" (expected "c-8"); end: total=10 \
                        (expected 12.5)
                           ├─ shop:cart:priced [2]  total=10
                           └─ shop:checkout/succeeded [3]  total=10
                        task %s
                        └─ shop:checkout/started [1]  cart="c-8"  ◀ failed; end: no field total
                           └─ shop:checkout/failed [2]  exception="java.lang.IllegalStateException"  reason="card \
                        declined\"""".formatted(task(log, 0), task(log, 4)));
    }

    @Test
    void assertHasActionFailsForAnActionThatHasNotFinished(CapturedLog log) {
        // given
        Eliot.startTask("shop:checkout", "cart", "c-7");

        // when / then
        assertThatThrownBy(() -> assertHasAction(log, "shop:checkout", true))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected an action of type shop:checkout that succeeded, but no logged action of type \
                        shop:checkout matches:
                        task %s
                        └─ shop:checkout/started [1]  cart="c-7"  ◀ not finished""".formatted(task(log, 0)));
    }

    @Test
    void assertHasActionFailsShowingEverythingLoggedWhenNoActionHasTheType(CapturedLog log) {
        // given
        Eliot.startTask("shop:browse").run(() -> {});

        // when / then
        assertThatThrownBy(() -> assertHasAction(log, "shop:checkout", true))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected an action of type shop:checkout, but no action of type shop:checkout was logged. \
                        Logged:
                        task %s
                        └─ shop:browse/started [1]
                           └─ shop:browse/succeeded [2]""".formatted(task(log, 0)));
    }

    @Test
    void valuesInFailuresStayOnOneLineAndLongOnesAreCut(CapturedLog log) {
        // given
        Message.log("note", "text", "two\nlines \"quoted\"", "long", "x".repeat(150));
        List<MessageRecord> messages = log.messages();

        // when / then
        assertThatThrownBy(() -> assertHasMessage(log, "note", Map.of("text", "one line")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expected a message of type note with fields {text="one line"}, but no logged message of type \
                        note matches:
                        task %s
                        └─ note [1]  text="two\\nlines \\"quoted\\""  long="%s…(152 characters)  ◀ \
                        text="two\\nlines \\"quoted\\"" (expected "one line")""".formatted(messages.get(0).taskUuid(), "x".repeat(99)));
    }
}
