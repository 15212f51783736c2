package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.settings.FieldRedaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FieldRedactionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @AfterEach
    void reset() {
        FieldRedaction.setCurrent(FieldRedaction.NONE);
        Eliot.removeGlobalFields("api_token");
    }

    @Test
    void matchingFieldsAreRedactedInEveryKindOfMessageCaseInsensitively() {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("password", "*token*", "auth?")));
        Eliot.addGlobalFields("api_token", "g-secret");

        Eliot.startTask("login", "user", "ada", "Password", "hunter2").run(() -> {
            Message.log("headers", "headers", Map.of("Auth1", "Bearer x", "accept", "json"));
            Eliot.currentAction().orElseThrow().addSuccessField("refreshToken", "r-secret");
        });

        List<MessageRecord> m = log.messages();
        assertThat(m.get(0).fields()).containsEntry("user", "ada").containsEntry("Password", "<redacted>");
        assertThat(m.get(1).fields().get("headers")).isEqualTo(Map.of("Auth1", "<redacted>", "accept", "json"));
        assertThat(m.get(2).fields()).containsEntry("refreshToken", "<redacted>");
        assertThat(m.get(0).globalFields()).containsEntry("api_token", "<redacted>");
        assertThat(m.toString()).doesNotContain("hunter2", "Bearer x", "r-secret", "g-secret");
    }

    /** A bean and a record holding secrets under names the redaction matches. */
    public record Credentials(String user, String password, Map<String, Object> extra) {}

    public static final class Account {
        public String owner = "ada";
        public String apiToken = "bean-secret";
        public List<Credentials> logins = List.of(new Credentials("ada", "record-secret", Map.of()));
    }

    @Test
    void redactionReachesIntoListsOfMapsRecordsAndBeansUpToTheWrittenLine(@TempDir Path dir) throws Exception {
        FieldRedaction.setCurrent(FieldRedaction.of(List.of("PASSWORD", "*token*")));
        Path file = dir.resolve("app.log");
        JsonFileDestination destination = JsonFileDestination.open(file);
        Eliot.addDestination(destination);
        try {
            Message.log(
                    "app:event",
                    "batch",
                    List.of(Map.of("user", "ada", "Password", "list-secret")),
                    "array",
                    new Object[] {Map.of("nested", Map.of("password", "array-secret"))},
                    "record",
                    new Credentials("ada", "record-secret-2", Map.of("refresh_token", "inner-secret")),
                    "bean",
                    new Account());
        } finally {
            Eliot.removeDestination(destination);
            destination.close();
        }

        String line = Files.readString(file);
        assertThat(line)
                .doesNotContain(
                        "list-secret",
                        "array-secret",
                        "record-secret",
                        "inner-secret",
                        "bean-secret",
                        "record-secret-2")
                .contains("\"user\":\"ada\"", "\"owner\":\"ada\"");
        JsonNode event = JSON.readTree(line);
        assertThat(event.at("/batch/0/Password").asString()).isEqualTo("<redacted>");
        assertThat(event.at("/array/0/nested/password").asString()).isEqualTo("<redacted>");
        assertThat(event.at("/record/password").asString()).isEqualTo("<redacted>");
        assertThat(event.at("/record/extra/refresh_token").asString()).isEqualTo("<redacted>");
        assertThat(event.at("/bean/apiToken").asString()).isEqualTo("<redacted>");
        assertThat(event.at("/bean/logins/0/password").asString()).isEqualTo("<redacted>");
    }

    @Test
    void nothingIsRedactedByDefault() {
        Message.log("login", "password", "visible-in-tests");

        assertThat(log.single().fields()).containsEntry("password", "visible-in-tests");
    }

    @Test
    void blankNamesAreRejected() {
        assertThatThrownBy(() -> FieldRedaction.of(List.of("ok", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }
}
