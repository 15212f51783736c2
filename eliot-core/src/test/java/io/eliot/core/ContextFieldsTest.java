package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContextFieldsTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final List<ContextFields> added = new ArrayList<>();

    /** The fields a thread's "tracer" has current: per thread, as a tracer's current span is. */
    private static final ThreadLocal<Map<String, ?>> CURRENT = new ThreadLocal<>();

    @AfterEach
    void removeSources() {
        added.forEach(Eliot::removeContextFields);
        CURRENT.remove();
        Eliot.removeGlobalFields("trace_id", "service");
    }

    private ContextFields add(ContextFields source) {
        assertThat(Eliot.addContextFields(source)).isTrue();
        added.add(source);
        return source;
    }

    private List<MessageRecord> ownReports() {
        return log.messages().stream()
                .filter(m -> ContextFields.FAILURE_MESSAGE.equals(m.messageType()))
                .toList();
    }

    @Test
    void everyMessageLoggedWhileTheSourceHasFieldsCarriesThemAndOnlyThen() {
        add(CURRENT::get);

        Eliot.startTask("app:work").run(() -> {
            Message.log("app:before");
            CURRENT.set(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"));
            Message.log("app:inside");
            CURRENT.remove();
        });

        List<MessageRecord> m = log.messages();
        assertThat(m).hasSize(4);
        assertThat(m.get(0).get("trace_id")).isNull();
        assertThat(m.get(1).get("trace_id")).isNull();
        assertThat(m.get(2).get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(m.get(2).get("span_id")).isEqualTo("00f067aa0ba902b7");
        assertThat(m.get(3).get("trace_id")).isNull();
        JsonNode line = JsonMapper.builder().build().readTree(new JsonLineEncoder().encodeToString(m.get(2)));
        assertThat(line.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("span_id").asString()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void fieldsAreReadOnTheLoggingThread() throws Exception {
        add(CURRENT::get);
        CURRENT.set(Map.of("trace_id", "main"));
        Thread other = new Thread(() -> {
            CURRENT.set(Map.of("trace_id", "other"));
            Message.log("app:other");
        });
        other.start();
        other.join(10_000);
        Message.log("app:main");

        assertThat(log.messages()).extracting(m -> m.get("trace_id")).containsExactly("other", "main");
    }

    @Test
    void aMessagesOwnFieldWinsOverAContextFieldWhichWinsOverAGlobalField() {
        add(() -> Map.of("trace_id", "from-context", "span_id", "s1"));
        Eliot.addGlobalFields("trace_id", "from-global", "service", "orders");

        Message.log("app:own", "trace_id", "own");
        Message.log("app:plain");

        MessageRecord own = log.messages().get(0);
        MessageRecord plain = log.messages().get(1);
        assertThat(own.get("trace_id")).isEqualTo("own");
        assertThat(plain.get("trace_id")).isEqualTo("from-context");
        assertThat(plain.get("service")).isEqualTo("orders");
        JsonNode line = JsonMapper.builder().build().readTree(new JsonLineEncoder().encodeToString(own));
        assertThat(line.get("trace_id").asString()).isEqualTo("own");
        assertThat(line.get("span_id").asString()).isEqualTo("s1");
    }

    @Test
    void aSourceThatReturnsNothingAddsNothingAndRemovingItStopsIt() {
        ContextFields source = add(() -> Map.of("tenant", "t1"));
        add(() -> null);
        add(Map::of);

        Message.log("app:one");
        assertThat(Eliot.removeContextFields(source)).isTrue();
        assertThat(Eliot.removeContextFields(source)).isFalse();
        Message.log("app:two");

        assertThat(log.messages().get(0).globalFields()).isEqualTo(Map.of("tenant", "t1"));
        assertThat(log.messages().get(1).globalFields()).isEmpty();
        assertThat(ownReports()).isEmpty();
    }

    @Test
    void addingASourceTwiceAddsItOnce() {
        ContextFields source = add(() -> Map.of("tenant", "t1"));
        assertThat(Eliot.addContextFields(source)).isFalse();
        assertThat(Eliot.addContextFields(null)).isFalse();
    }

    @Test
    void aThrowingSourceNeverReachesTheApplicationAndIsReportedOnceNotPerMessage() {
        add(() -> {
            throw new IllegalStateException("tracer broken");
        });
        add(() -> Map.of("tenant", "t1"));

        for (int i = 0; i < 5; i++) {
            Message.log("app:event", "i", i);
        }

        List<MessageRecord> events = log.messages().stream()
                .filter(m -> "app:event".equals(m.messageType()))
                .toList();
        assertThat(events)
                .hasSize(5)
                .allSatisfy(m -> assertThat(m.get("tenant")).isEqualTo("t1"));
        assertThat(ownReports()).singleElement().satisfies(r -> {
            assertThat(r.get("exception")).isEqualTo(IllegalStateException.class.getName());
            assertThat(r.get("reason")).isEqualTo("tracer broken");
            assertThat(r.get("problem")).isEqualTo("it threw");
            assertThat(r.get("failures")).isEqualTo(1L);
        });
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void junkFieldsAreLeftOutAndReported() {
        Map junk = new HashMap<>();
        junk.put(null, "x");
        junk.put(42, "x");
        junk.put("task_uuid", "hijack");
        junk.put("object", new Object());
        junk.put("good", "kept");
        add(() -> junk);

        Message.log("app:event");

        MessageRecord event = log.messages().stream()
                .filter(m -> "app:event".equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(event.globalFields()).isEqualTo(Map.of("good", "kept"));
        assertThat(event.taskUuid()).isNotEqualTo("hijack");
        assertThat(ownReports()).hasSize(1);
    }

    @Test
    void aSourceReturningTooManyFieldsIsCut() {
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("f" + i, i);
        }
        add(() -> many);

        Message.log("app:event");

        assertThat(log.messages())
                .filteredOn(m -> "app:event".equals(m.messageType()))
                .singleElement()
                .satisfies(m -> assertThat(m.globalFields()).hasSize(ContextFieldSources.MAX_FIELDS));
        assertThat(ownReports())
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("problem")).contains("more than 32 fields"));
    }

    @Test
    void aMapThatThrowsWhileReadIsReportedAndTheMessageStillWritten() {
        add(() -> new HashMap<String, Object>(Map.of("a", 1)) {
            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                throw new UnsupportedOperationException("unreadable");
            }
        });

        Message.log("app:event");

        assertThat(log.messages()).anySatisfy(m -> assertThat(m.messageType()).isEqualTo("app:event"));
        assertThat(ownReports())
                .singleElement()
                .satisfies(r -> assertThat(r.get("reason")).isEqualTo("unreadable"));
    }

    @Test
    void aSourceThatLogsDoesNotRecurse() {
        add(() -> {
            Message.log("app:from_source");
            return Map.of("tenant", "t1");
        });

        Message.log("app:event");

        MessageRecord event = log.messages().stream()
                .filter(m -> "app:event".equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(event.get("tenant")).isEqualTo("t1");
        assertThat(log.messages())
                .filteredOn(m -> "app:from_source".equals(m.messageType()))
                .singleElement()
                .satisfies(m -> assertThat(m.globalFields()).isEmpty());
    }

    @Test
    void manyThreadsLogWithTheirOwnFields() throws Exception {
        add(CURRENT::get);
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String id = "t" + t;
            new Thread(() -> {
                        CURRENT.set(Map.of("trace_id", id));
                        for (int i = 0; i < 200; i++) {
                            Message.log("app:event", "thread", id);
                        }
                        done.countDown();
                    })
                    .start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(log.messages())
                .hasSize(threads * 200)
                .allSatisfy(m -> assertThat(m.get("trace_id")).isEqualTo(m.get("thread")));
    }
}
