package io.eliot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.ActionType;
import io.eliot.core.Eliot;
import io.eliot.core.Field;
import io.eliot.core.Message;
import io.eliot.core.MessageType;
import io.eliot.core.Seeds;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code LoggedAction} and {@code LoggedMessage}: logged actions as trees, as in the seed manual's search example. */
@CaptureLogging
class LoggedActionTest {

    static final Field SERVER = Field.forTypes("server", "The server checked.", String.class);
    static final MessageType CHECK = MessageType.of("search:check", "A server was checked.", SERVER);
    static final ActionType SEARCH = ActionType.of(
            "search",
            List.of(Field.forTypes("database", "The database.", String.class), Field.of("key", "The key.")),
            List.of(),
            "Search the servers for a key.");

    private static void search(List<String> servers) {
        SEARCH.asTask("database", "users", "key", "theuser").run(() -> {
            for (String server : servers) {
                CHECK.log("server", server);
            }
            Eliot.startAction("search:cache").run(() -> Message.log("search:cache:miss"));
        });
    }

    @Test
    void ofTypeGivesEachActionWithItsStartEndAndChildrenInTaskLevelOrder(CapturedLog log) {
        // given
        search(List.of("a", "b"));

        // when
        List<LoggedAction> searches = LoggedAction.ofType(log.messages(), SEARCH);

        // then
        assertThat(searches).hasSize(1);
        LoggedAction search = searches.get(0);
        assertThat(search.startMessage().fields()).containsEntry("database", "users");
        assertThat(search.endMessage().taskLevel()).isEqualTo(TaskLevel.of(5));
        assertThat(search.succeeded()).isTrue();
        assertThat(search.taskLevel()).isEqualTo(TaskLevel.ROOT);
        assertThat(search.children())
                .extracting(Logged::type)
                .containsExactly("search:check", "search:check", "search:cache");
        assertThat(search.children().subList(0, 2)).isEqualTo(LoggedMessage.ofType(log.messages(), CHECK));
        assertThat(search.descendants())
                .extracting(Logged::type)
                .containsExactly("search:check", "search:check", "search:cache", "search:cache:miss");
        assertThat(LoggedMessage.ofType(log.messages(), CHECK))
                .extracting(m -> m.message().get("server"))
                .containsExactly("a", "b");
    }

    @Test
    void ofTypeFindsTheSameTreesWhateverOrderTheMessagesArrivedIn(CapturedLog log) throws Throwable {
        // given
        search(List.of("a", "b", "c"));
        List<LoggedAction> inOrder = LoggedAction.ofType(log.messages(), "search");

        Seeds.forEach(seed -> {
            List<MessageRecord> shuffled = new ArrayList<>(log.messages());
            Collections.shuffle(shuffled, new Random(seed));

            // when / then
            assertThat(LoggedAction.ofType(shuffled, "search")).isEqualTo(inOrder);
        });
    }

    @Test
    void nestedActionsHaveTheirOwnLevelAndFailedOnesDidNotSucceed(CapturedLog log) {
        // given
        Eliot.startTask("outer").run(() -> {
            Message.log("first");
            try {
                Eliot.startAction("inner").run(() -> {
                    throw new IllegalStateException("broken");
                });
            } catch (IllegalStateException expected) {
                // logged as inner's failure
            }
        });

        // when
        LoggedAction inner = LoggedAction.ofType(log.messages(), "inner").get(0);

        // then
        assertThat(inner.taskLevel()).isEqualTo(TaskLevel.of(3));
        assertThat(inner.succeeded()).isFalse();
        assertThat(inner.endMessage().fields()).containsEntry("reason", "broken");
        assertThat(inner.children()).isEmpty();
        assertThat(LoggedAction.ofType(log.messages(), "outer").get(0).children())
                .containsExactly(new LoggedMessage(log.messages().get(1)), inner);
    }

    @Test
    void anActionThatHasNotFinishedHasNoEndMessage(CapturedLog log) {
        // given
        Action pending = Eliot.startTask("pending");

        // when
        LoggedAction action = LoggedAction.ofType(log.messages(), "pending").get(0);

        // then
        assertThat(action.isFinished()).isFalse();
        assertThat(action.succeeded()).isFalse();
        assertThatThrownBy(action::endMessage)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the action pending at [] in task " + pending.taskUuid()
                        + " has not finished: no succeeded or failed message was logged");
    }

    @Test
    void loggedMessagesOfATypeAreStandaloneMessagesOnly(CapturedLog log) {
        // given
        Eliot.startTask("same:name").run(() -> Message.log("same:name"));

        // when
        List<LoggedMessage> messages = LoggedMessage.ofType(log.messages(), "same:name");

        // then
        assertThat(messages).containsExactly(new LoggedMessage(log.messages().get(1)));
        assertThat(messages.get(0)).hasToString("LoggedMessage[same:name [2]]");
    }
}
