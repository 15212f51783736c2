package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logged text cannot act on the reader's terminal: control characters (C0, DEL, C1) and
 * bidirectional controls in values, keys, types, task uuids, file names and problems are printed
 * escaped, and a newline in a type or key cannot start a line of its own.
 */
class HostileTextTest {

    @TempDir
    Path dir;

    /** Two messages of one task whose uuid, type, keys and values carry terminal controls. */
    private static final String HOSTILE_LOG = """
            {"task_uuid":"evil-\\u001b[2J","task_level":[1],"timestamp":1795638776.5,"action_type":"x\\n└── forged/9 ⇒ succeeded","action_status":"started","ti\\rtle":"\\u001b]0;pwned\\u0007"}
            {"task_uuid":"evil-\\u001b[2J","task_level":[2],"timestamp":1795638777,"action_type":"x\\n└── forged/9 ⇒ succeeded","action_status":"succeeded","note":"a\\u202eb\\u0085c\\u007f\\u2066d\\u061c"}
            """;

    @Test
    void treeEscapesControlsInUuidsTypesKeysAndValues() throws IOException {
        Tool.Result r = Tool.run("tree", write("hostile.log", HOSTILE_LOG).toString());

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                        evil-\\u001b[2J
                        └── x\\n└── forged/9 ⇒ succeeded/1 ⇒ started 2026-11-25 20:32:56.500000Z ⧖ 0.500s
                            ├── ti\\rtle: \\u001b]0;pwned\\u0007
                            └── x\\n└── forged/9 ⇒ succeeded/2 ⇒ succeeded 2026-11-25 20:32:57.000000Z
                                └── note: a\\u202eb\\u0085c\\u007f\\u2066d\\u061c

                        """);
    }

    @Test
    void prettyprintEscapesControlsAndDrawsNewlinesAsContinuationLines() throws IOException {
        Tool.Result r =
                Tool.run("prettyprint", write("hostile.log", HOSTILE_LOG).toString());

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                        evil-\\u001b[2J -> /1
                        2026-11-25T20:32:56.500000Z
                          action_type: x
                                     | └── forged/9 ⇒ succeeded
                          action_status: started
                          ti\\rtle: \\u001b]0;pwned\\u0007

                        evil-\\u001b[2J -> /2
                        2026-11-25T20:32:57Z
                          action_type: x
                                     | └── forged/9 ⇒ succeeded
                          action_status: succeeded
                          note: a\\u202eb\\u0085c\\u007f\\u2066d\\u061c

                        """);
    }

    @Test
    void compactEscapesControlsInKeysAndJsonValues() throws IOException {
        Tool.Result r = Tool.run(
                "prettyprint", "--compact", write("hostile.log", HOSTILE_LOG).toString());

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                        evil-\\u001b[2J/1 2026-11-25T20:32:56.500000Z action_type="x\\n└── forged/9 ⇒ succeeded" action_status="started" ti\\rtle="\\u001b]0;pwned\\u0007"
                        evil-\\u001b[2J/2 2026-11-25T20:32:57Z action_type="x\\n└── forged/9 ⇒ succeeded" action_status="succeeded" note="a\\u202eb\\u0085c\\u007f\\u2066d\\u061c"
                        """);
    }

    @Test
    void treeWithWholeValuesDrawsTheirLinesUnderTheTreeAndEscapesCarriageReturns() throws IOException {
        String log = """
                {"task_uuid":"u","task_level":[1],"timestamp":1795638777,"message_type":"m","traceback":"Error: x\\r\\n\\tat a()\\n\\u001b[1A└── forged/9"}
                """;

        Tool.Result r = Tool.run("tree", "-l", "0", write("whole.log", log).toString());

        assertThat(r.stdout()).isEqualTo("""
                        u
                        └── m/1 2026-11-25 20:32:57.000000Z
                            └── traceback: Error: x\\r
                                \\tat a()
                                \\u001b[1A└── forged/9

                        """);
    }

    @Test
    void problemsOnStandardErrorAreEscaped() throws IOException {
        Path log = write(
                "bad\u001b[2J.log",
                "{\"task_uuid\":\"u\",\"task_level\":[1],\"timestamp\":1,"
                        + "\"action_type\":\"a\",\"action_status\":\"\\u001b]0;x\\u0007\\u202e\"}\n");
        Path missing = dir.resolve("gone\r\u009b2J.log");

        Tool.Result r = Tool.run("tree", log.toString(), missing.toString());

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr())
                .isEqualTo("eliot-tree: " + dir + "/bad\\u001b[2J.log:1: action_status is not started, succeeded or"
                        + " failed: \\u001b]0;x\\u0007\\u202e\n"
                        + "eliot-tree: " + dir + "/gone\\r\\u009b2J.log: no such file\n");
        assertThat(Tool.run("tree", "--\u001b[2J").stderr())
                .startsWith("eliot-tree: unknown option for tree: --\\u001b[2J\n");
        assertThat(Tool.run("tree", "--select", "a~\u001b(").stderr()).doesNotContain("\u001b");
    }

    // ---- seeded random strings ----

    /** Replay one seed with {@code -Deliot.seed=N}; otherwise fixed seeds and one fresh one. */
    static Stream<Long> seeds() {
        String replay = System.getProperty("eliot.seed");
        if (replay != null) {
            return Stream.of(Long.parseLong(replay));
        }
        return Stream.concat(LongStream.rangeClosed(1, 8).boxed(), Stream.of(System.nanoTime()));
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every character that must never reach the output raw, and some that may. */
    private static final String UNSAFE;

    private static final String[] SAFE = {
        "a", "b", "z", " ", "\\", "\"", "é", "中", "└── ", "│", "/", "😀", ":", "=", "{", "|", "u"
    };

    static {
        StringBuilder unsafe = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            unsafe.append(c);
        }
        for (char c = 0x7f; c <= 0x9f; c++) {
            unsafe.append(c);
        }
        unsafe.append("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029");
        UNSAFE = unsafe.toString();
    }

    /** A log of random tasks and the number of lines each command must draw for it. */
    private record RandomLog(List<String> lines, int messages, int treeLines, int wholeTreeLines, int prettyLines) {}

    private static String text(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(3) == 0) {
                s.append(SAFE[random.nextInt(SAFE.length)]);
            } else {
                s.append(UNSAFE.charAt(random.nextInt(UNSAFE.length())));
            }
        }
        return s.toString();
    }

    private static int newlines(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }

    /** Fields and how many lines they take: [tree, tree with whole values, prettyprint]. */
    private static Map<String, Object> fields(Random random, int[] lines) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String key = "k" + i + text(random, 6);
            Object value;
            switch (random.nextInt(5)) {
                case 0 -> {
                    Map<String, Object> nested = new LinkedHashMap<>();
                    int n = 1 + random.nextInt(2);
                    int inside = 0;
                    for (int j = 0; j < n; j++) {
                        String s = text(random, 8);
                        nested.put("n" + j + text(random, 5), s);
                        inside += newlines(s);
                    }
                    value = nested;
                    lines[0] += 1 + n;
                    lines[1] += 1 + n + inside;
                    lines[2] += 1;
                }
                case 1 -> {
                    String s = text(random, 8);
                    value = List.of(s, random.nextInt(100));
                    lines[0] += 3;
                    lines[1] += 3 + newlines(s);
                    lines[2] += 1;
                }
                case 2 -> {
                    value = random.nextBoolean() ? random.nextInt() : null;
                    lines[0] += 1;
                    lines[1] += 1;
                    lines[2] += 1;
                }
                default -> {
                    String s = text(random, 12);
                    value = s;
                    lines[0] += 1;
                    lines[1] += 1 + newlines(s);
                    lines[2] += 1 + newlines(s);
                }
            }
            fields.put(key, value);
        }
        return fields;
    }

    private static RandomLog randomLog(long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        int[] counts = new int[3];
        int messages = 0;
        long timestamp = 1_795_600_000L;
        for (int t = 0; t < 12; t++) {
            String uuid = "t" + t + "-" + text(random, 10);
            counts[0] += 2; // the uuid line and the blank line after the task
            counts[1] += 2;
            if (random.nextBoolean()) {
                Map<String, Object> m = header(uuid, List.of(1), timestamp++);
                String type = text(random, 10);
                m.put("message_type", type);
                counts[0] += 1;
                counts[1] += 1;
                counts[2] += 4 + newlines(type); // uuid -> /1, timestamp, message_type, blank
                m.putAll(fields(random, counts));
                lines.add(JSON.writeValueAsString(m));
                messages++;
            } else {
                String type = text(random, 10);
                Map<String, Object> start = header(uuid, List.of(1), timestamp++);
                start.put("action_type", type);
                start.put("action_status", "started");
                start.putAll(fields(random, counts));
                Map<String, Object> inner = header(uuid, List.of(2), timestamp++);
                String innerType = text(random, 10);
                inner.put("message_type", innerType);
                inner.putAll(fields(random, counts));
                Map<String, Object> end = header(uuid, List.of(3), timestamp++);
                end.put("action_type", type);
                end.put("action_status", random.nextBoolean() ? "succeeded" : "failed");
                end.put("reason", text(random, 12));
                String reason = (String) end.get("reason");
                counts[0] += 3 + 1;
                counts[1] += 3 + 1 + newlines(reason);
                // start: 5 lines and its fields; inner message: 4 and its fields; end: 6
                counts[2] += 15 + 2 * newlines(type) + newlines(innerType) + newlines(reason);
                lines.add(JSON.writeValueAsString(start));
                lines.add(JSON.writeValueAsString(inner));
                lines.add(JSON.writeValueAsString(end));
                messages += 3;
            }
        }
        Random order = new Random(seed + 1);
        java.util.Collections.shuffle(lines, order);
        return new RandomLog(lines, messages, counts[0], counts[1], counts[2]);
    }

    private static Map<String, Object> header(String uuid, List<Integer> level, long timestamp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_uuid", uuid);
        m.put("task_level", level);
        m.put("timestamp", timestamp);
        return m;
    }

    private static final String[] STYLES = {
        "\u001b[0m", "\u001b[1m", "\u001b[31;1m", "\u001b[32m", "\u001b[33m", "\u001b[2m"
    };

    /** Fails if any character that must be escaped is in {@code output} (line breaks aside). */
    private static void assertNothingRaw(String output, long seed, String what) {
        String plain = output;
        for (String style : STYLES) {
            plain = plain.replace(style, "");
        }
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c != '\n' && UNSAFE.indexOf(c) >= 0) {
                throw new AssertionError(String.format(
                        "%s printed U+%04X raw at %d (seed %d; replay with -Deliot.seed=%d):%n%s",
                        what, (int) c, i, seed, seed, plain));
            }
        }
    }

    private static final Pattern TREE_LINE = Pattern.compile("(?:(?:│   |    )*(?:├── |└── ).*|(?:│   |    )+.*)");
    private static final Pattern NODE = Pattern.compile("(?:│   |    )*(?:├── |└── ).*/[123] (?:⇒ \\w+ )?2026-.*");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomControlsNeverReachTheOutputAndEveryMessageIsDrawn(long seed) throws IOException {
        RandomLog log = randomLog(seed);
        Path file = dir.resolve("random.log");
        Files.write(file, log.lines(), StandardCharsets.UTF_8);
        String replay = " (seed " + seed + "; replay with -Deliot.seed=" + seed + ")";

        Tool.Result tree = Tool.run("tree", file.toString());
        assertThat(tree.stderr()).as("problems" + replay).isEmpty();
        assertNothingRaw(tree.stdout(), seed, "tree");
        checkTree(tree.stdout(), log.treeLines(), log.messages(), replay);

        Tool.Result whole = Tool.run("tree", "-l", "0", file.toString());
        assertNothingRaw(whole.stdout(), seed, "tree -l 0");
        checkTree(whole.stdout(), log.wholeTreeLines(), log.messages(), replay);

        Tool.Result colored = Tool.run("tree", "--color=always", "--ascii", file.toString());
        assertNothingRaw(colored.stdout(), seed, "tree --color=always --ascii");
        assertThat(colored.stdout().split("\n", -1)).as("lines" + replay).hasSize(log.treeLines() + 1);

        Tool.Result pretty = Tool.run("prettyprint", file.toString());
        assertNothingRaw(pretty.stdout(), seed, "prettyprint");
        assertThat(pretty.stdout().split("\n", -1)).as("lines" + replay).hasSize(log.prettyLines() + 1);
        assertThat(pretty.stdout().lines().filter(l -> l.matches(".* -> /[123]")))
                .as("message headers" + replay)
                .hasSize(log.messages());

        Tool.Result compact = Tool.run("prettyprint", "--compact", file.toString());
        assertNothingRaw(compact.stdout(), seed, "prettyprint --compact");
        assertThat(compact.stdout().lines()).as("one line per message" + replay).hasSize(log.messages());
    }

    private static void checkTree(String output, int lines, int messages, String replay) {
        String[] drawn = output.split("\n", -1);
        assertThat(drawn).as("lines" + replay).hasSize(lines + 1);
        int nodes = 0;
        boolean taskStarts = true;
        for (String line : drawn) {
            if (line.isEmpty()) {
                taskStarts = true;
                continue;
            }
            if (taskStarts) {
                assertThat(line).as("a task uuid" + replay).startsWith("t");
                taskStarts = false;
                continue;
            }
            assertThat(line).as("a drawn line" + replay).matches(TREE_LINE);
            if (NODE.matcher(line).matches()) {
                nodes++;
            }
        }
        assertThat(nodes).as("one node per message" + replay).isEqualTo(messages);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomBadLinesAreReportedOneLineEachAndEscaped(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 20; i++) {
            switch (random.nextInt(3)) {
                case 0 -> lines.add("{" + text(random, 12).replace("\n", "").replace("\r", ""));
                case 1 -> {
                    Map<String, Object> m = header("t" + i + text(random, 6), List.of(1), 1_795_600_000L + i);
                    m.put("action_type", text(random, 8));
                    m.put("action_status", "x" + text(random, 8));
                    lines.add(JSON.writeValueAsString(m));
                }
                default -> {
                    Map<String, Object> m = header("t" + i + text(random, 6), List.of(1), 1_795_600_000L + i);
                    m.put("message_type", text(random, 8));
                    lines.add(JSON.writeValueAsString(m));
                    bad--;
                }
            }
            bad++;
        }
        Path file = dir.resolve("bad-" + text(random, 4).replace("/", "").replace("\0", "") + ".log");
        Files.write(file, lines, StandardCharsets.UTF_8);
        String replay = " (seed " + seed + "; replay with -Deliot.seed=" + seed + ")";

        for (String command : List.of("tree", "prettyprint")) {
            Tool.Result r = Tool.run(command, file.toString());
            assertNothingRaw(r.stderr(), seed, command + " problems");
            assertNothingRaw(r.stdout(), seed, command);
            assertThat(r.stderr().lines())
                    .as("one problem per bad line" + replay)
                    .hasSize(bad);
        }
    }

    @Test
    void followModeEscapesToo() throws Exception {
        RandomLog log = randomLog(42);
        Path file = dir.resolve("followed.log");
        Files.write(file, log.lines(), StandardCharsets.UTF_8);
        String expected = Tool.run("tree", file.toString()).stdout();
        FlushCountingOutput out = new FlushCountingOutput();
        Thread follower = new Thread(() -> EliotTools.run(
                List.of("tree", "-f", file.toString()),
                new ByteArrayInputStream(new byte[0]),
                out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        follower.start();
        try {
            out.awaitFlushAfter(0); // flushed when it reached the end of the file
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        String followed = out.text();
        assertNothingRaw(followed, 42, "tree -f");
        assertThat(followed).isEqualTo(expected);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
