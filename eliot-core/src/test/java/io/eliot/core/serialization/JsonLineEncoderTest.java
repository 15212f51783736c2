package io.eliot.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.SeededTest;
import io.eliot.core.Seeds;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

class JsonLineEncoderTest {

    private static final String TASK = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";
    private static final long MICROS = 1_509_136_967_206_684L;

    private final JsonLineEncoder encoder = new JsonLineEncoder();
    private final JsonMapper reader = JsonMapper.builder().build();

    record Item(String sku, int count) {}

    enum Colour {
        RED
    }

    public static final class Bean {
        public String getName() {
            return "bean";
        }
    }

    public static final class Unserializable {
        public String getBroken() {
            throw new IllegalStateException("getter failed");
        }
    }

    private static MessageRecord message(Map<String, ?> fields) {
        return MessageRecord.message(TASK, TaskLevel.of(3, 2), MICROS, "app:event", fields);
    }

    @Test
    void standaloneMessageIsOneExactJsonLine() {
        String line = encoder.encodeToString(message(Map.of("x", 2)));

        assertThat(line)
                .isEqualTo("{\"task_uuid\":\"" + TASK + "\",\"task_level\":[3,2],\"timestamp\":1509136967.206684,"
                        + "\"message_type\":\"app:event\",\"x\":2}\n");
    }

    @Test
    void failedActionMessageIsOneExactJsonLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("exception", "java.lang.RuntimeException");
        fields.put("reason", "ono");
        MessageRecord failed =
                MessageRecord.action(TASK, TaskLevel.of(4), MICROS, "parent", ActionStatus.FAILED, fields);

        assertThat(encoder.encodeToString(failed))
                .isEqualTo("{\"task_uuid\":\"" + TASK + "\",\"task_level\":[4],\"timestamp\":1509136967.206684,"
                        + "\"action_type\":\"parent\",\"action_status\":\"failed\","
                        + "\"exception\":\"java.lang.RuntimeException\",\"reason\":\"ono\"}\n");
    }

    @Test
    void timestampKeepsSixDecimalsIncludingLeadingAndTrailingZeros() {
        assertThat(JsonLineEncoder.seconds(1_000_000_000_000_050L)).isEqualTo("1000000000.000050");
        assertThat(JsonLineEncoder.seconds(1_700_000_000_100_000L)).isEqualTo("1700000000.100000");
        assertThat(JsonLineEncoder.seconds(0)).isEqualTo("0.000000");
    }

    @Test
    void newlinesAndQuotesInValuesCannotForgeASecondLine() {
        String forged = "ok\"}\n{\"task_uuid\":\"forged\",\"task_level\":[1]}\r\n\u2028";

        String line = encoder.encodeToString(message(Map.of("input", forged)));

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).doesNotContain("\r");
        JsonNode parsed = reader.readTree(line);
        assertThat(parsed.get("input").asString()).isEqualTo(forged);
        assertThat(parsed.get("task_uuid").asString()).isEqualTo(TASK);
    }

    @Test
    void richValuesBecomeJsonTheWayJacksonWritesThem() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("record", new Item("A-1", 2));
        fields.put("bean", new Bean());
        fields.put("instant", Instant.parse("2026-11-25T19:00:00.123456Z"));
        fields.put("date", LocalDate.of(2026, 11, 25));
        fields.put("offset", OffsetDateTime.of(2026, 11, 25, 19, 0, 0, 0, ZoneOffset.ofHours(1)));
        fields.put("duration", Duration.ofSeconds(90));
        fields.put("present", Optional.of("x"));
        fields.put("absent", Optional.empty());
        fields.put("enum", Colour.RED);
        fields.put("uuid", UUID.fromString(TASK));
        fields.put("bytes", "hi".getBytes(StandardCharsets.UTF_8));
        fields.put("decimal", new BigDecimal("12.50"));
        fields.put("list", List.of(1, "two", 3.5, true));
        fields.put("array", new Object[] {1, null});
        fields.put("ints", new int[] {1, 2});
        fields.put("nested", Map.of("k", List.of(Map.of("deep", 1L))));
        fields.put("nothing", null);

        String line = encoder.encodeToString(message(fields));
        JsonNode json = reader.readTree(line);

        assertThat(json.get("record").toString()).isEqualTo("{\"sku\":\"A-1\",\"count\":2}");
        assertThat(json.get("bean").toString()).isEqualTo("{\"name\":\"bean\"}");
        assertThat(json.get("instant").asString()).isEqualTo("2026-11-25T19:00:00.123456Z");
        assertThat(json.get("date").asString()).isEqualTo("2026-11-25");
        assertThat(json.get("offset").asString()).isEqualTo("2026-11-25T19:00:00+01:00");
        assertThat(json.get("duration").asString()).isEqualTo("PT1M30S");
        assertThat(json.get("present").asString()).isEqualTo("x");
        assertThat(json.get("absent").isNull()).isTrue();
        assertThat(json.get("enum").asString()).isEqualTo("RED");
        assertThat(json.get("uuid").asString()).isEqualTo(TASK);
        assertThat(json.get("bytes").asString()).isEqualTo("aGk=");
        assertThat(line).contains("\"decimal\":12.50,");
        assertThat(json.get("list").toString()).isEqualTo("[1,\"two\",3.5,true]");
        assertThat(json.get("array").toString()).isEqualTo("[1,null]");
        assertThat(json.get("ints").toString()).isEqualTo("[1,2]");
        assertThat(json.get("nested").toString()).isEqualTo("{\"k\":[{\"deep\":1}]}");
        assertThat(json.get("nothing").isNull()).isTrue();
    }

    record Money(long cents, String currency) {}

    @Test
    void aConfiguredMapperWithCustomSerializersIsUsedForRichValues() {
        JsonMapper custom = JsonMapper.builder()
                .addModule(new SimpleModule().addSerializer(Money.class, new ValueSerializer<Money>() {
                    @Override
                    public void serialize(Money value, JsonGenerator g, SerializationContext context) {
                        g.writeString(value.cents() / 100 + "." + String.format("%02d", value.cents() % 100) + " "
                                + value.currency());
                    }
                }))
                .build();

        String line = new JsonLineEncoder(custom).encodeToString(message(Map.of("price", new Money(1250, "EUR"))));

        assertThat(reader.readTree(line).get("price").asString()).isEqualTo("12.50 EUR");
    }

    @Test
    void aPrettyPrintingMapperStillYieldsOneLine() {
        JsonMapper pretty = JsonMapper.builder()
                .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .build();

        String out = new JsonLineEncoder(pretty).encodeToString(message(Map.of("item", new Item("A-1", 2))));

        assertThat(out.indexOf('\n')).isEqualTo(out.length() - 1);
    }

    @Test
    void nonFiniteDoublesAreWrittenAsStringsSoTheLineStaysStrictJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("nan", Double.NaN);
        fields.put("inf", Double.POSITIVE_INFINITY);
        fields.put("ninf", Double.NEGATIVE_INFINITY);
        fields.put("fnan", Float.NaN);
        fields.put("finf", Float.POSITIVE_INFINITY);
        fields.put("fninf", Float.NEGATIVE_INFINITY);
        fields.put("nested", List.of(Double.NEGATIVE_INFINITY, Map.of("k", Float.NEGATIVE_INFINITY)));

        String line = encoder.encodeToString(message(fields));

        assertThat(line)
                .isEqualTo("{\"task_uuid\":\"" + TASK + "\",\"task_level\":[3,2],\"timestamp\":1509136967.206684,"
                        + "\"message_type\":\"app:event\",\"nan\":\"NaN\",\"inf\":\"Infinity\",\"ninf\":\"-Infinity\","
                        + "\"fnan\":\"NaN\",\"finf\":\"Infinity\",\"fninf\":\"-Infinity\","
                        + "\"nested\":[\"-Infinity\",{\"k\":\"-Infinity\"}]}\n");
        JsonNode json = reader.readTree(line); // strict JSON: a bare -Infinity would not parse
        assertThat(json.get("ninf").asString()).isEqualTo("-Infinity");
    }

    @Test
    void loneSurrogatesAreWrittenAsEscapesSoTheLineIsStrictUtf8AndKeepsTheText() throws Exception {
        String text = "a\uD800b\uDC00c\uD83D\uDE00";

        byte[] line = encoder.encode(message(Map.of("v", text)));

        java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(line)); // throws on a byte sequence that is not UTF-8
        String written = new String(line, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("a\\uD800b\\uDC00c\uD83D\uDE00");
        assertThat(reader.readTree(written).get("v").asString()).isEqualTo(text);
    }

    @Test
    void anUnserializableValueIsAMarkerInTheMessageAtItsPlaceNeverAnException() {
        String out = encoder.encodeToString(message(Map.of("thing", new Unserializable(), "key", "kept")));

        String[] lines = out.split("\n");
        assertThat(lines).hasSize(1);
        assertThat(out).endsWith("\n");
        JsonNode line = reader.readTree(lines[0]);
        assertThat(line.get("task_uuid").asString()).isEqualTo(TASK);
        assertThat(line.get("task_level").toString()).isEqualTo("[3,2]");
        assertThat(line.get("message_type").asString()).isEqualTo("app:event");
        assertThat(line.get("key").asString()).isEqualTo("kept");
        assertThat(line.get("thing").asString())
                .isEqualTo("<not logged: java.lang.IllegalStateException: getter failed>");
        JsonNode failure = line.get("eliot:serialization_failure").get(0);
        assertThat(failure.get("field").asString()).isEqualTo("thing");
        assertThat(failure.get("exception").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.get("reason").asString()).isEqualTo("getter failed");
        assertThat(failure.get("traceback").asString()).contains("Unserializable.getBroken");
    }

    @Test
    void aSelfContainingCollectionFailsCleanly() {
        List<Object> cycle = new java.util.ArrayList<>();
        cycle.add(cycle);

        String out = encoder.encodeToString(message(Map.of("cycle", cycle)));

        assertThat(out.split("\n")).hasSize(1);
        JsonNode line = reader.readTree(out);
        assertThat(line.get("message_type").asString()).isEqualTo("app:event");
        assertThat(line.get("cycle").asString()).startsWith("<not logged: java.lang.IllegalArgumentException: ");
        assertThat(line.get("eliot:serialization_failure").get(0).get("field").asString())
                .isEqualTo("cycle");
    }

    @Test
    void nonAsciiTextIsWrittenAsUtf8() {
        byte[] bytes = encoder.encode(message(Map.of("name", "Dorothée ✓")));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"name\":\"Dorothée ✓\"");
    }

    @SeededTest
    void timestampDigitsMatchTheDecimalValueOfTheMicrosecondsForAnyInstant(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            long micros = switch (i % 3) {
                case 0 -> random.nextLong();
                case 1 -> random.nextLong(-10_000_000L, 10_000_000L);
                default -> MICROS + random.nextLong(1_000_000_000L);
            };
            String expected =
                    new BigDecimal(micros).movePointLeft(6).setScale(6).toPlainString();
            if (micros < 0 && micros % 1_000_000 != 0) {
                // Negative instants keep a positive fraction: floor seconds, then the microseconds after them.
                long seconds = Math.floorDiv(micros, 1_000_000L);
                expected = seconds + "." + String.format("%06d", Math.floorMod(micros, 1_000_000L));
            }
            assertThat(JsonLineEncoder.seconds(micros))
                    .as("%s, micros %d", Seeds.label(seed), micros)
                    .isEqualTo(expected);
        }
    }

    @Test
    void encodingIntoASinkGivesTheSameBytesInOneCall() throws Exception {
        MessageRecord plain = message(Map.of("sku", "A-1", "count", 2));
        MessageRecord broken = message(Map.of("bean", new Unserializable()));
        for (MessageRecord record : List.of(plain, broken, plain)) {
            List<byte[]> calls = new java.util.ArrayList<>();
            encoder.encode(record, (bytes, length) -> calls.add(Arrays.copyOf(bytes, length)));
            assertThat(calls).hasSize(1);
            String viaSink = new String(calls.get(0), StandardCharsets.UTF_8);
            String copied = encoder.encodeToString(record);
            // Failure lines carry a fresh task id, time and stack each; compare everything else.
            assertThat(viaSink).endsWith("\n");
            assertThat(withoutIdsAndTimes(viaSink)).isEqualTo(withoutIdsAndTimes(copied));
        }
        assertThat(new String(encoder.encode(plain), StandardCharsets.UTF_8)).endsWith("\n");
    }

    /** The lines as JSON, without what differs from one encoding to the next: ids, times, stack traces. */
    private List<JsonNode> withoutIdsAndTimes(String lines) {
        return lines.lines()
                .map(line -> {
                    tools.jackson.databind.node.ObjectNode node =
                            (tools.jackson.databind.node.ObjectNode) reader.readTree(line);
                    node.remove(List.of("task_uuid", "timestamp", "traceback"));
                    if (node.get("eliot:serialization_failure")
                            instanceof tools.jackson.databind.node.ArrayNode failures) {
                        failures.forEach(f -> ((tools.jackson.databind.node.ObjectNode) f).remove("traceback"));
                    }
                    return (JsonNode) node;
                })
                .toList();
    }

    @SeededTest
    void linesWrittenByHandAreExactlyWhatJacksonWrites(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        JsonMapper jackson = JsonMapper.builder().build();
        for (int i = 0; i < 1_000; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            int count = random.nextInt(5);
            for (int f = 0; f < count; f++) {
                fields.put(randomString(random), randomValue(random, 2));
            }
            TaskLevel level = TaskLevel.of(1 + random.nextInt(3), 1 + random.nextInt(1_000));
            long micros = MICROS + random.nextLong(1_000_000_000L);
            MessageRecord record = MessageRecord.message(TASK, level, micros, randomString(random), fields);

            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("task_uuid", TASK);
            expected.put("task_level", level.toList());
            expected.put("timestamp", new BigDecimal(micros).movePointLeft(6).setScale(6));
            expected.put("message_type", record.messageType());
            expected.putAll(record.fields());
            // Bytes, as a file gets them: Jackson's UTF-8 writer escapes a lone surrogate. Every case
            // is compared: none is skipped, so a reference that cannot be written fails the test.
            String reference = new String(jackson.writeValueAsBytes(expected), StandardCharsets.UTF_8) + "\n";
            assertThat(encoder.encodeToString(record))
                    .as("%s, case %d", Seeds.label(seed), i)
                    .isEqualTo(reference);
        }
    }

    private static String randomString(java.util.SplittableRandom random) {
        int length = random.nextInt(12);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(
                    switch (random.nextInt(8)) {
                        case 0 -> (char) random.nextInt(0x20);
                        case 1 -> "\"\\/\u007f".charAt(random.nextInt(4));
                        case 2 -> (char) (0x80 + random.nextInt(0x800));
                        case 3 -> "\uD83D\uDE00".charAt(0); // a lone high surrogate
                        default -> (char) (0x20 + random.nextInt(0x5F));
                    });
        }
        return sb.toString();
    }

    private static Object randomValue(java.util.SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 8)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(-20, 20));
            case 4 -> random.nextBoolean();
            case 5 -> (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE);
            case 6 -> List.of(Double.NaN, 1.5f, -0.0).get(random.nextInt(3));
            case 7 -> randomString(random);
            case 8 -> Arrays.asList(randomValue(random, depth - 1), randomValue(random, depth - 1));
            case 9 -> new Object[] {randomValue(random, depth - 1)};
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(randomString(random), randomValue(random, depth - 1));
                yield map;
            }
        };
    }
}
