package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GlobalFieldsTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @AfterEach
    void removeGlobals() {
        Eliot.removeGlobalFields("service", "version", "host", "task_uuid");
    }

    @Test
    void theGlobalFieldsCanBeReadBackByTheirWrittenNames() {
        Eliot.addGlobalFields("service", "orders", "task_uuid", "x");

        assertThat(Eliot.globalFields()).containsEntry("service", "orders").containsEntry("user_task_uuid", "x");
        Eliot.removeGlobalFields("task_uuid");
        assertThat(Eliot.globalFields()).doesNotContainKey("user_task_uuid");
    }

    @Test
    void globalFieldsAreAddedToEveryMessageAndWrittenInItsLine() {
        Eliot.addGlobalFields(Map.of("service", "orders", "version", "1.2"));

        Eliot.startTask("app:work").run(() -> Message.log("app:event", "n", 1));

        assertThat(log.messages())
                .hasSize(3)
                .allSatisfy(m -> assertThat(m.globalFields()).isEqualTo(Map.of("service", "orders", "version", "1.2")));
        JsonNode line = JsonMapper.builder()
                .build()
                .readTree(new JsonLineEncoder().encodeToString(log.messages().get(1)));
        assertThat(line.get("service").asString()).isEqualTo("orders");
        assertThat(line.get("n").asInt()).isEqualTo(1);
        assertThat(log.messages().get(1).get("version")).isEqualTo("1.2");
    }

    @Test
    void aMessagesOwnFieldWinsOverAGlobalFieldOfTheSameName() {
        Eliot.addGlobalFields("host", "global-host");

        Message.log("app:event", "host", "own-host");

        MessageRecord m = log.single();
        assertThat(m.get("host")).isEqualTo("own-host");
        String line = new JsonLineEncoder().encodeToString(m);
        assertThat(line).contains("\"host\":\"own-host\"").doesNotContain("global-host");
    }

    @Test
    void removedGlobalFieldsStopAppearingAndStructuralNamesAreRenamed() {
        Eliot.addGlobalFields("service", "orders", "task_uuid", "sneaky");
        Message.log("app:one");
        Eliot.removeGlobalFields("service");
        Message.log("app:two");

        assertThat(log.messages().get(0).globalFields()).containsEntry("service", "orders");
        assertThat(log.messages().get(0).globalFields()).containsEntry("user_task_uuid", "sneaky");
        assertThat(log.messages().get(1).globalFields()).doesNotContainKey("service");
    }
}
