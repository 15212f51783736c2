package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.record.MessageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A message records its values as they were at the logging call, whatever the destination. */
class CapturedAtCallTest {

    /** A file destination that writes nothing until its gate opens: its queue holds the messages. */
    static final class GatedFile implements Destination {
        final JsonFileDestination file;
        final CountDownLatch gate = new CountDownLatch(1);

        GatedFile(Path path) {
            file = JsonFileDestination.open(path);
        }

        @Override
        public void write(MessageRecord message) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            file.write(message);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    @TempDir
    Path dir;

    @Test
    void anAsynchronousAndASynchronousDestinationWriteTheValuesAsOfTheCall() throws Exception {
        Path syncPath = dir.resolve("sync.log");
        Path asyncPath = dir.resolve("async.log");
        JsonFileDestination sync = JsonFileDestination.open(syncPath);
        GatedFile gated = new GatedFile(asyncPath);
        AsyncDestination async = AsyncDestination.wrap(gated);
        Eliot.addDestination(sync);
        Eliot.addDestination(async);
        try {
            List<String> list = new ArrayList<>(List.of("before"));
            Map<String, Object> map = new HashMap<>(Map.of("k", "before"));
            String[] array = {"before"};
            StringBuilder text = new StringBuilder("before");

            Message.log("m", "v", list, "map", map, "array", array, "text", text);
            list.set(0, "after");
            map.put("k", "after");
            array[0] = "after";
            text.setLength(0);
            text.append("after");
        } finally {
            gated.gate.countDown(); // the queued message is encoded only now
            Eliot.removeDestination(async);
            Eliot.removeDestination(sync);
            async.close();
            sync.close();
        }

        JsonMapper json = JsonMapper.builder().build();
        JsonNode fromSync = json.readTree(Files.readString(syncPath, StandardCharsets.UTF_8));
        JsonNode fromAsync = json.readTree(Files.readString(asyncPath, StandardCharsets.UTF_8));
        for (JsonNode line : List.of(fromSync, fromAsync)) {
            assertThat(line.get("v").toString()).isEqualTo("[\"before\"]");
            assertThat(line.get("map").toString()).isEqualTo("{\"k\":\"before\"}");
            assertThat(line.get("array").toString()).isEqualTo("[\"before\"]");
            assertThat(line.get("text").asString()).isEqualTo("before");
        }
    }
}
