package io.eliot.journald;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.Destination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.settings.FieldRedaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code *password*} redacted, no secret reaches a journal entry, whichever path writes it: the
 * line itself, a serialization failure's text, reason and traceback, a destination failure's report,
 * exception extractors' fields and global fields (eliot-core's {@code RedactionLeakTest} does the
 * same through its own destinations).
 */
class JournaldRedactionTest {

    private static final String SECRET = "hunter2";

    @TempDir
    Path dir;

    /** A record whose component has a getter that throws, quoting the password it was made with. */
    public record Creds(String user, String password, Extra extra) {}

    public static final class Extra {
        private final String hint;

        Extra(String hint) {
            this.hint = hint;
        }

        public String getDetail() {
            throw new IllegalStateException("no detail for the password " + hint);
        }
    }

    /** A bean with a secret property and a getter that throws. */
    public static final class Account {
        public String getOwner() {
            return "ada";
        }

        public String getPassword() {
            return "bean-hunter2";
        }

        public int getBalance() {
            throw new IllegalStateException("balance locked for " + getPassword());
        }
    }

    /** Nothing Jackson can write, and a toString() that tells its secret. */
    public static final class Opaque {
        private final String password = "opaque-hunter2";

        @Override
        public String toString() {
            return "Opaque(password=" + password + ")";
        }
    }

    /** A record Jackson writes whole. */
    public record Login(String user, String password) {}

    static final class LoginRefused extends RuntimeException {
        LoginRefused() {
            super("refused");
        }
    }

    /** Throws on every write, so the journal receives {@code eliot:destination_failure}. */
    static final class Broken implements Destination {
        @Override
        public void write(MessageRecord message) {
            throw new IllegalStateException("broken destination");
        }
    }

    @AfterEach
    void reset() {
        FieldRedaction.setCurrent(FieldRedaction.NONE);
        Eliot.removeGlobalFields("db_password");
    }

    @Test
    void noSecretInAnyJournalEntryWrittenByAnyPath() throws Exception {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("*password*")));
        List<String> entries = new ArrayList<>();
        try (JournalReceiver journal = new JournalReceiver(dir.resolve("journal"))) {
            JournaldDestination journald = JournaldDestination.builder()
                    .socketPath(dir.resolve("journal"))
                    .build();
            Eliot.addDestination(journald);
            try {
                Eliot.addGlobalFields("db_password", "g-hunter2");
                Eliot.registerExceptionExtractor(
                        LoginRefused.class,
                        e -> Map.of("attempt", new Login("ada", "x-hunter2"), "password", "y-hunter2"));

                Message.log("app:login", "creds", new Creds("ada", SECRET, new Extra(SECRET)));
                Message.log("app:account", "account", new Account());
                Message.log("app:opaque", "opaque", new Opaque());
                Broken broken = new Broken();
                Eliot.addDestination(broken);
                try {
                    Message.log("app:login", "login", new Login("ada", "d-hunter2"));
                } finally {
                    Eliot.removeDestination(broken);
                }
                try {
                    Eliot.startTask("app:refused").run(() -> {
                        throw new LoginRefused();
                    });
                } catch (LoginRefused expected) {
                    // logged as a failed action with the extractor's fields
                }
                journald.write(ownEnd());
            } finally {
                Eliot.removeDestination(journald);
                journald.close();
            }
            for (JournalReceiver.Received received = journal.receive(); ; received = journal.receive()) {
                String entry = new String(received.entry(), StandardCharsets.ISO_8859_1);
                entries.add(entry);
                if (entry.contains("test:end")) {
                    break;
                }
            }
        }

        assertThat(String.join("\n", entries))
                .as("every path above was taken")
                .contains(
                        "ELIOT_TYPE=app:login",
                        "ELIOT_TYPE=app:account",
                        "ELIOT_TYPE=app:opaque",
                        "ELIOT_TYPE=eliot:destination_failure",
                        "ELIOT_TYPE=app:refused",
                        "eliot:serialization_failure",
                        "\"db_password\":\"<redacted>\"");
        for (String entry : entries) {
            int at = entry.indexOf(SECRET);
            assertThat(at)
                    .as(
                            "%s written to journald in: ...%s...",
                            SECRET,
                            at < 0 ? "" : entry.substring(Math.max(0, at - 300), Math.min(entry.length(), at + 60)))
                    .isNegative();
        }
    }

    private static MessageRecord ownEnd() {
        return MessageRecord.message("f0000000-0000-4000-8000-000000000000", TaskLevel.of(1), 0, "test:end", Map.of());
    }
}
