package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FieldRedactionTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @AfterEach
    void reset() {
        Eliot.setFieldRedaction(FieldRedaction.NONE);
        Eliot.removeGlobalFields("api_token");
    }

    @Test
    void matchingFieldsAreRedactedInEveryKindOfMessageCaseInsensitively() {
        Eliot.setFieldRedaction(FieldRedaction.of(List.of("password", "*token*", "auth?")));
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
