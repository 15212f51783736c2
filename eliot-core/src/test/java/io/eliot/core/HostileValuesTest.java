package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.settings.FieldLimits;
import io.eliot.core.testsupport.PythonEliot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values that fight back: collections that throw when read, a list changed by another thread while
 * it is logged, structure shared many times over, getters that throw {@link Error}s. Logging never
 * throws, stays linear and bounded, and every failure is a message in the task where it happened.
 */
class HostileValuesTest {

    static final String LAZY = "failed to lazily initialize a collection: no session";

    /** A Hibernate-style lazy collection whose session is closed. */
    static final class LazyList extends AbstractList<String> {
        @Override
        public String get(int index) {
            throw new IllegalStateException(LAZY);
        }

        @Override
        public int size() {
            throw new IllegalStateException(LAZY);
        }
    }

    /** A collection whose size() throws an Error, as a broken invariant check would. */
    static final class AssertingList extends AbstractList<String> {
        @Override
        public String get(int index) {
            return "x";
        }

        @Override
        public int size() {
            throw new AssertionError("size checked a broken invariant");
        }
    }

    /** A bean whose getter throws an Error and whose string form is 10 MB. */
    public static final class BrokenBean {
        public String getValue() {
            throw new AssertionError("getter checked a broken invariant");
        }

        @Override
        public String toString() {
            return "x".repeat(10_000_000);
        }
    }

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @TempDir
    Path dir;

    private Path file;
    private JsonFileDestination destination;

    @BeforeEach
    void openFile() {
        file = dir.resolve("app.log");
        destination = JsonFileDestination.open(file);
        Eliot.addDestination(destination);
        Eliot.addGlobalFields("service", "shop");
    }

    @AfterEach
    void closeFile() throws IOException {
        Eliot.removeGlobalFields("service");
        Eliot.removeDestination(destination);
        destination.close();
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(STRICT.readTree(line));
        }
        return lines;
    }

    private static String render(JsonNode line) {
        String type = line.has("action_type")
                ? line.get("action_type").asString() + "/"
                        + line.get("action_status").asString()
                : line.get("message_type").asString();
        return line.get("task_level").toString() + " " + type;
    }

    private static String marker(String exception, String reason) {
        return "<not logged: " + exception + ": " + reason + ">";
    }

    @Test
    void aCollectionThatThrowsInAMessageIsLoggedAsASerializationFailureInItsTask() throws IOException {
        Action task = Eliot.startTask("app:load");
        try (ContextScope ignored = task.context()) {
            assertThatCode(() -> Message.log("app:items", "items", new LazyList(), "n", 3))
                    .doesNotThrowAnyException();
        }
        task.finish();

        List<JsonNode> lines = lines();
        assertThat(lines.stream().map(HostileValuesTest::render))
                .containsExactly(
                        "[1] app:load/started",
                        "[2] app:items",
                        "[3] eliot:traceback",
                        "[4] eliot:serialization_failure",
                        "[5] app:load/succeeded");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("task_uuid").asString()).isEqualTo(task.taskUuid());
            assertThat(line.get("service").asString()).isEqualTo("shop");
        });
        assertThat(lines.get(1).get("items").asString()).isEqualTo(marker("java.lang.IllegalStateException", LAZY));
        assertThat(lines.get(1).get("n").asInt()).isEqualTo(3);
        assertThat(lines.get(2).get("exception").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(lines.get(2).get("reason").asString()).isEqualTo(LAZY);
        assertThat(lines.get(2).get("traceback").asString()).contains("LazyList.size");
        assertThat(lines.get(3).get("fields").toString()).isEqualTo("[\"items\"]");
    }

    @Test
    void aCollectionThatThrowsAsAStartFieldLeavesTheActionCompleteWithTheFailureAsItsFirstChildren()
            throws IOException {
        assertThatCode(() ->
                        Eliot.startTask("app:load", "items", new LazyList()).finish())
                .doesNotThrowAnyException();

        List<JsonNode> lines = lines();
        assertThat(lines.stream().map(HostileValuesTest::render))
                .containsExactly(
                        "[1] app:load/started",
                        "[2] eliot:traceback",
                        "[3] eliot:serialization_failure",
                        "[4] app:load/succeeded");
        assertThat(lines.get(0).get("items").asString()).isEqualTo(marker("java.lang.IllegalStateException", LAZY));
        assertThat(lines.stream().map(l -> l.get("task_uuid").asString()).distinct())
                .hasSize(1);
    }

    @Test
    void aCollectionThatThrowsAsASuccessFieldIsReportedInsideTheAction() throws IOException {
        Action task = Eliot.startTask("app:load");
        assertThatCode(() -> task.addSuccessField("items", new LazyList())).doesNotThrowAnyException();
        task.finish();

        List<JsonNode> lines = lines();
        assertThat(lines.stream().map(HostileValuesTest::render))
                .containsExactly(
                        "[1] app:load/started",
                        "[2] eliot:traceback",
                        "[3] eliot:serialization_failure",
                        "[4] app:load/succeeded");
        assertThat(lines.get(3).get("items").asString()).isEqualTo(marker("java.lang.IllegalStateException", LAZY));
    }

    @Test
    void anErrorFromACollectionIsASerializationFailureLikeAnyException() throws IOException {
        assertThatCode(() -> Message.log("app:items", "items", new AssertingList()))
                .doesNotThrowAnyException();

        List<JsonNode> lines = lines();
        assertThat(lines.stream().map(HostileValuesTest::render))
                .containsExactly("[1] app:items", "[1] eliot:traceback", "[1] eliot:serialization_failure");
        assertThat(lines.get(0).get("items").asString())
                .isEqualTo(marker("java.lang.AssertionError", "size checked a broken invariant"));
        assertThat(lines.get(1).get("exception").asString()).isEqualTo("java.lang.AssertionError");
    }

    @Test
    void anErrorFromAGetterInTheWriterKeepsTheMessageInItsPlaceBoundedWithItsTraceback() throws IOException {
        long failuresBefore = Eliot.deliveryCounters().destinationFailures();
        Action task = Eliot.startTask("app:order");
        try (ContextScope ignored = task.context()) {
            Message.log("app:priced", "bean", new BrokenBean(), "total", 12);
        }
        task.finish();

        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(raw).allSatisfy(line -> assertThat(line.length()).isLessThan(20_000));
        List<JsonNode> lines = lines();
        assertThat(lines.stream().map(HostileValuesTest::render))
                .containsExactly("[1] app:order/started", "[2] app:priced", "[3] app:order/succeeded");
        JsonNode priced = lines.get(1);
        assertThat(priced.get("task_uuid").asString()).isEqualTo(task.taskUuid());
        assertThat(priced.get("service").asString()).isEqualTo("shop");
        assertThat(priced.get("total").asInt()).isEqualTo(12);
        assertThat(priced.get("bean").asString())
                .isEqualTo(marker("java.lang.AssertionError", "getter checked a broken invariant"));
        JsonNode failure = priced.get("eliot:serialization_failure").get(0);
        assertThat(failure.get("field").asString()).isEqualTo("bean");
        assertThat(failure.get("exception").asString()).isEqualTo("java.lang.AssertionError");
        assertThat(failure.get("traceback").asString()).contains("BrokenBean.getValue");
        assertThat(Eliot.deliveryCounters().destinationFailures()).isEqualTo(failuresBefore);
    }

    @Test
    void aStartMessageThatFailsInTheWriterStillStartsItsActionForPythonsParser() throws Exception {
        PythonEliot python = PythonEliot.findOrSkip("HostileValuesTest");
        Action task = Eliot.startTask("app:order", "bean", new BrokenBean());
        try (ContextScope ignored = task.context()) {
            Message.log("app:priced", "total", 12);
        }
        task.finish();

        assertThat(pythonTree(python))
                .containsExactly("[1] app:order/started", "[2] app:priced", "[3] app:order/succeeded");
    }

    @Test
    void aStartFieldThatThrowsWhenReadLeavesATreePythonsParserCallsComplete() throws Exception {
        PythonEliot python = PythonEliot.findOrSkip("HostileValuesTest");
        Action task = Eliot.startTask("app:order");
        try (ContextScope ignored = task.context()) {
            Eliot.startAction("app:lazy", "items", new LazyList()).finish();
        }
        task.finish();

        assertThat(pythonTree(python))
                .containsExactly(
                        "[1] app:order/started",
                        "  [2, 1] app:lazy/started",
                        "  [2, 2] eliot:traceback",
                        "  [2, 3] eliot:serialization_failure",
                        "  [2, 4] app:lazy/succeeded",
                        "[3] app:order/succeeded");
    }

    /** The log file's only task as Python's parser rebuilds it, asserting it is complete. */
    private List<String> pythonTree(PythonEliot python) throws Exception {
        Process process = new ProcessBuilder(
                        python.interpreter(),
                        python.copyScript("/python/eliot_interop.py", dir).toString(),
                        "parse",
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        JsonNode tasks = STRICT.readTree(out).get("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("complete").asBoolean()).as("complete").isTrue();
        List<String> nodes = new ArrayList<>();
        tasks.get(0).get("nodes").forEach(n -> nodes.add(n.get("line").asString()));
        return nodes;
    }

    @Test
    void aListChangedByAnotherThreadWhileItIsLoggedNeverThrows() throws Exception {
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            shared.add(i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch mutating = new CountDownLatch(1);
        Thread mutator = new Thread(() -> {
            mutating.countDown();
            while (!stop.get()) {
                shared.add(-1);
                shared.remove(shared.size() - 1);
            }
        });
        mutator.start();
        mutating.await();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        int calls = 0;
        try {
            for (; calls < 5_000 && thrown.get() == null; calls++) {
                try {
                    Message.log("app:snapshot", "values", shared, "small", shared.subList(0, 50));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }
        } finally {
            stop.set(true);
            mutator.join();
        }

        assertThat(thrown.get())
                .as("thrown into the application after %d calls", calls)
                .isNull();
        long snapshots = lines().stream()
                .filter(l -> l.get("message_type").asString().equals("app:snapshot"))
                .count();
        assertThat(snapshots).isEqualTo(5_000);
    }

    @Test
    void aListContainingItselfThreeTimesIsCutQuicklyToTheMessageSizeLimit() throws IOException {
        List<Object> self = new ArrayList<>();
        self.add(self);
        self.add(self);
        self.add(self);

        Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> Message.log("app:self", "self", self), "logging took too long");

        assertBoundedWithTheSizeMarker();
    }

    @Test
    void aSharedDagThirtyLevelsDeepIsCutQuicklyToTheMessageSizeLimit() throws IOException {
        Object dag = "leaf";
        for (int i = 0; i < 30; i++) {
            dag = List.of(dag, dag);
        }
        Object value = dag;

        Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> Message.log("app:dag", "dag", value), "logging took too long");

        assertBoundedWithTheSizeMarker();
    }

    private void assertBoundedWithTheSizeMarker() throws IOException {
        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(raw).hasSize(1);
        int max = FieldLimits.defaults().maxStringLength() * 150; // the default per-message limit, and room
        assertThat(raw.get(0).length()).isLessThan(max);
        assertThat(raw.get(0)).contains("... (cut: over 100000 characters in this message)");
        STRICT.readTree(raw.get(0));
    }
}
