package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.settings.FieldRedaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code *password*} redacted, no secret reaches any byte Eliot writes, whichever path writes
 * it: the line itself, a serialization failure's text, reason and traceback, a destination
 * failure's report, exception extractors' fields, global fields and {@code toString()} forms;
 * through a file, a stream, memory and SLF4J (eliot-journald's {@code JournaldRedactionTest} does the
 * same through a journald socket).
 */
class RedactionLeakTest {

    /** Every secret below contains it. */
    private static final String SECRET = "hunter2";

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void reset() throws Exception {
        FieldRedaction.setCurrent(FieldRedaction.NONE);
        Eliot.removeGlobalFields("db_password");
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

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

    /** Throws on every write, so the others receive {@code eliot:destination_failure}. */
    static final class Broken implements Destination {
        @Override
        public void write(MessageRecord message) {
            throw new IllegalStateException("broken destination");
        }
    }

    @Test
    void noSecretInAnyByteWrittenByAnyPath() throws Exception {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("*password*")));
        Path file = dir.resolve("app.log");
        JsonFileDestination fileDestination = JsonFileDestination.open(file);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ConsoleDestination console = ConsoleDestination.of(new PrintStream(stream, true), new JsonLineEncoder());
        MemoryDestination memory = new MemoryDestination();
        ListAppender<ILoggingEvent> events = slf4jEvents();
        Slf4jDestination slf4j =
                Slf4jDestination.builder().loggerName("eliot.redaction-leak").build();
        List<Destination> all = List.of(fileDestination, console, memory, slf4j);
        all.forEach(Eliot::addDestination);
        try {
            Eliot.addGlobalFields("db_password", "g-hunter2");
            Eliot.registerExceptionExtractor(
                    LoginRefused.class, e -> Map.of("attempt", new Login("ada", "x-hunter2"), "password", "y-hunter2"));

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
        } finally {
            all.forEach(Eliot::removeDestination);
            fileDestination.close();
        }

        assertThat(memory.messages())
                .extracting(MessageRecord::type)
                .contains(
                        "app:login",
                        "app:account",
                        "app:opaque",
                        "eliot:destination_failure",
                        "app:refused"); // every path above was taken
        String encoded = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertThat(encoded)
                .as("each failure gave a traceback and a serialization failure")
                .contains("eliot:serialization_failure", "ada");
        assertNoSecret("file", encoded);
        assertNoSecret("stream", stream.toString(StandardCharsets.UTF_8));
        JsonLineEncoder encoder = new JsonLineEncoder();
        for (MessageRecord m : memory.messages()) {
            assertNoSecret("memory, encoded", encoder.encodeToString(m));
            assertNoSecret("memory, toString()", m.toString());
        }
        assertThat(events.list).isNotEmpty();
        for (ILoggingEvent event : events.list) {
            assertNoSecret("SLF4J text", event.getFormattedMessage());
            assertNoSecret("SLF4J key-values", String.valueOf(event.getKeyValuePairs()));
        }
    }

    @Test
    void aFailedMessageIsShownWithWhatIsNotRedactedAndItsSecretsScrubbedFromTheReason() {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("*password*")));
        MessageRecord login = MessageRecord.message(
                Records.TASK,
                io.eliot.core.record.TaskLevel.of(1),
                1_700_000_000_000_000L,
                "app:login",
                Map.of("creds", new Creds("ada", SECRET, new Extra(SECRET))));

        String[] lines = new JsonLineEncoder().encodeToString(login).split("\n");

        assertThat(lines).as("the message, written in its place").hasSize(1);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode line = json.readTree(lines[0]);
        assertThat(line.get("message_type").asString()).isEqualTo("app:login");
        assertThat(line.get("creds").asString())
                .isEqualTo("<not logged: java.lang.IllegalStateException: no detail for the password <redacted>>");
        JsonNode failure = line.get("eliot:serialization_failure").get(0);
        assertThat(failure.get("field").asString()).isEqualTo("creds");
        assertThat(failure.get("reason").asString()).isEqualTo("no detail for the password <redacted>");
        assertThat(failure.get("traceback").asString())
                .contains("java.lang.IllegalStateException: no detail for the password <redacted>");
        assertNoSecret("the failed message's line", lines[0]);
        assertThat(login.toString())
                .as("the string form failure reports use")
                .isEqualTo("{task_uuid=" + Records.TASK + ", task_level=[1], timestamp=1.7E9, message_type=app:login, "
                        + "creds=Creds[user=ada, password=<redacted>, extra=Extra{detail=<unreadable: "
                        + "java.lang.IllegalStateException>}]}");
    }

    private static void assertNoSecret(String where, String written) {
        int at = written.indexOf(SECRET);
        assertThat(at)
                .as(
                        "%s written to %s in: ...%s...",
                        SECRET,
                        where,
                        at < 0 ? "" : written.substring(Math.max(0, at - 300), Math.min(written.length(), at + 60)))
                .isNegative();
    }

    private ListAppender<ILoggingEvent> slf4jEvents() {
        Logger logger = (Logger) LoggerFactory.getLogger("eliot.redaction-leak");
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        cleanup.add(() -> logger.detachAppender(appender));
        return appender;
    }
}
