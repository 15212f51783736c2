package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Map keys that are not strings, or whose string forms collide, never give a line duplicate keys. */
class MapKeysTest {

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final MemoryDestination memory = new MemoryDestination();
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    @BeforeEach
    void capture() {
        Eliot.addDestination(memory);
    }

    @AfterEach
    void release() {
        Eliot.removeDestination(memory);
    }

    /** The logged message as a strictly parsed line (duplicate keys fail the parse). */
    private JsonNode line() {
        assertThat(memory.messages()).hasSize(1);
        return STRICT.readTree(encoder.encodeToString(memory.messages().get(0)));
    }

    @Test
    void keysOneStringOneNullAndStringNullAreAllWrittenUnderDistinctNames() {
        Map<Object, Object> map = new HashMap<>();
        map.put(1, "the integer");
        map.put("1", "the string one");
        map.put(null, "the null key");
        map.put("null", "the string null");

        Message.log("app:keys", "map", map);

        JsonNode written = line().get("map");
        Map<String, String> entries = new LinkedHashMap<>();
        written.properties().forEach(e -> entries.put(e.getKey(), e.getValue().asString()));
        assertThat(entries)
                .containsOnly(
                        Map.entry("1", "the string one"),
                        Map.entry("1#Integer", "the integer"),
                        Map.entry("null", "the string null"),
                        Map.entry("null#null", "the null key"));
    }

    @Test
    void keysOfDifferentTypesWithTheSameStringFormAreRenamedInOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1L, "long");
        map.put(1, "int");
        map.put("1#Integer", "a string taking the first rename");

        Message.log("app:keys", "map", List.of(map));

        assertThat(line().get("map").get(0).toString())
                .isEqualTo(
                        "{\"1\":\"long\",\"1#Integer#2\":\"int\",\"1#Integer\":\"a string taking the first rename\"}");
    }
}
