package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.TaskContinuation;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.testing.Logged;
import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Thousands of seeded random {@code x-eliot-task-id} headers sent as raw bytes over a socket: random
 * bytes, huge values, {@code @} and {@code /} abuse, CR/LF injection, deep levels, 2 to 41
 * copies of the header. None yields a 5xx, and no rejected value appears raw in the log. A failure names the
 * seed and the case so it can be replayed. One subclass per server stack (servlet, WebFlux), each
 * serving {@code /fuzz/{n}}.
 */
abstract class FuzzedTaskIdHeaders {

    private static final int CASES_PER_SEED = 600;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(90);
    private static final JsonLineEncoder ENCODER = new JsonLineEncoder();

    @LocalServerPort
    int port;

    final RequestLog log = new RequestLog(() -> memory().messages());

    /** Where the server under test logs. */
    abstract MemoryDestination memory();

    @BeforeEach
    void clearLog() {
        memory().clear();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261125L, 0x5eed_e110L})
    void noHeaderValueCausesA5xxOrAppearsRawInTheLog(long seed) throws Exception {
        Random random = new Random(seed);
        Action caller = Eliot.startTask("test:fuzz_caller");
        Map<String, byte[]> sentByPath = new HashMap<>();
        List<String> reachedTheApplication = new ArrayList<>();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        for (int i = 0; i < CASES_PER_SEED && System.nanoTime() < deadline; i++) {
            String path = "/fuzz/" + (seed % 100_000) + i;
            int kind = random.nextInt(8);
            List<byte[]> values = headerValues(kind, random, caller);
            String replay = "seed " + seed + ", case " + i + " (kind " + kind + "): " + describe(values);
            int status = send(path, values);
            assertThat(status).as(replay).isBetween(100, 499);
            if (status == 200) {
                reachedTheApplication.add(path);
                sentByPath.put(path, values.get(0));
            }
        }
        caller.finish();
        assertThat(reachedTheApplication).as("seed " + seed).hasSizeGreaterThan(CASES_PER_SEED / 4);

        for (String path : reachedTheApplication) {
            LoggedAction request = log.awaitRequest(path);
            String raw = new String(sentByPath.get(path), StandardCharsets.ISO_8859_1);
            for (MessageRecord m : messagesOf(request)) {
                String line = ENCODER.encodeToString(m);
                assertThat(line.indexOf('\n'))
                        .as("seed %d, %s: one line", seed, path)
                        .isEqualTo(line.length() - 1);
                if (mustNotAppear(raw)) {
                    assertThat(line).as("seed %d, %s", seed, path).doesNotContain(raw);
                }
                if (TaskContinuation.INVALID_TASK_ID.equals(m.messageType())) {
                    String problem = (String) m.get("problem");
                    assertThat(problem.length()).as("seed %d, %s", seed, path).isLessThan(250);
                    assertThat(problem.chars())
                            .as("seed %d, %s: no control, format or separator characters", seed, path)
                            .allMatch(FuzzedTaskIdHeaders::harmless);
                }
            }
            if (!request.succeeded()) {
                throw new AssertionError("seed " + seed + ", " + path + ": request failed: " + request);
            }
        }
        // The generators reach both outcomes: rejected headers and continued tasks.
        assertThat(log.all().stream().filter(m -> TaskContinuation.INVALID_TASK_ID.equals(m.messageType())))
                .as("seed %d: rejections", seed)
                .hasSizeGreaterThan(CASES_PER_SEED / 10);
        assertThat(log.all().stream()
                        .filter(m -> m.taskUuid().equals(caller.taskUuid()))
                        .filter(m -> "eliot:remote_task".equals(m.actionType())))
                .as("seed %d: continued tasks", seed)
                .isNotEmpty();
    }

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /**
     * The same for the W3C {@code traceparent} header: no value causes a 5xx or appears raw; a
     * recorded {@code trace_id} is 32 lowercase hexadecimal digits taken from the value sent.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 20261202L})
    void noTraceparentCausesA5xxOrAppearsRawInTheLog(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, byte[]> sentByPath = new HashMap<>();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        int cases = CASES_PER_SEED / 2;
        for (int i = 0; i < cases && System.nanoTime() < deadline; i++) {
            String path = "/fuzz/9" + (seed % 100_000) + i;
            int kind = random.nextInt(8);
            List<byte[]> values = traceparentValues(kind, random);
            String replay = "seed " + seed + ", case " + i + " (kind " + kind + "): " + describe(values);
            int status = send(path, "traceparent", values);
            assertThat(status).as(replay).isBetween(100, 499);
            if (status == 200) {
                sentByPath.put(path, values.get(0));
            }
        }
        assertThat(sentByPath).as("seed " + seed).hasSizeGreaterThan(cases / 4);

        int recorded = 0;
        int refused = 0;
        for (Map.Entry<String, byte[]> sent : sentByPath.entrySet()) {
            String path = sent.getKey();
            LoggedAction request = log.awaitRequest(path);
            String raw = new String(sent.getValue(), StandardCharsets.ISO_8859_1);
            Object traceId = request.startMessage().get("trace_id");
            if (traceId != null) {
                recorded++;
                assertThat((String) traceId).as("seed %d, %s", seed, path).matches("[0-9a-f]{32}");
                assertThat(raw).as("seed %d, %s", seed, path).contains((String) traceId);
                assertThat(request.taskUuid()).isNotEqualTo(traceId);
            }
            for (MessageRecord m : messagesOf(request)) {
                String line = ENCODER.encodeToString(m);
                assertThat(line.indexOf('\n'))
                        .as("seed %d, %s: one line", seed, path)
                        .isEqualTo(line.length() - 1);
                if (mustNotAppear(raw)) {
                    assertThat(line).as("seed %d, %s", seed, path).doesNotContain(raw);
                }
                if (TaskContinuation.INVALID_TRACEPARENT.equals(m.messageType())) {
                    refused++;
                    String problem = (String) m.get("problem");
                    assertThat(problem.length()).as("seed %d, %s", seed, path).isLessThan(250);
                    assertThat(problem.chars())
                            .as("seed %d, %s: no control, format or separator characters", seed, path)
                            .allMatch(FuzzedTaskIdHeaders::harmless);
                }
            }
            assertThat(request.succeeded()).as("seed %d, %s", seed, path).isTrue();
        }
        assertThat(recorded).as("seed %d: recorded traces", seed).isPositive();
        assertThat(refused).as("seed %d: refused traceparents", seed).isGreaterThan(cases / 10);
    }

    private static List<byte[]> traceparentValues(int kind, Random random) {
        return switch (kind) {
            case 0 -> List.of(randomBytes(random, random.nextInt(120)));
            case 1 -> List.of(mutate(random, ascii(TRACEPARENT)));
            case 2 -> List.of(ascii(randomTraceparent(random)));
            case 3 -> List.of(ascii(randomTraceparent(random).toUpperCase(java.util.Locale.ROOT)));
            case 4 ->
                List.of(ascii(String.format("%02x", random.nextInt(256))
                        + randomTraceparent(random).substring(2) + "-" + "z".repeat(random.nextInt(20_000))));
            case 5 -> {
                List<byte[]> values = new ArrayList<>();
                for (int i = 2 + random.nextInt(10); i > 0; i--) {
                    values.add(ascii(randomTraceparent(random)));
                }
                yield values;
            }
            case 6 -> List.of(ascii(TRACEPARENT + "\r\nX-Injected: yes"));
            default -> List.of(ascii(randomTraceparent(random).replace('-', (char) (0x20 + random.nextInt(0x5f)))));
        };
    }

    private static String randomTraceparent(Random random) {
        return String.format(
                "00-%016x%016x-%016x-%02x",
                random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(256));
    }

    /** The request's messages: its start and end and everything logged inside it. */
    private static List<MessageRecord> messagesOf(LoggedAction request) {
        List<MessageRecord> messages = new ArrayList<>();
        messages.add(request.startMessage());
        for (Logged node : request.descendants()) {
            if (node instanceof LoggedAction action) {
                messages.add(action.startMessage());
                messages.add(action.endMessage());
            } else {
                messages.add(((LoggedMessage) node).message());
            }
        }
        messages.add(request.endMessage());
        return messages;
    }

    /**
     * A rejected value is only quoted as a short excerpt (at most 64 characters) with quotes,
     * backslashes, control, format and separator characters escaped.
     */
    private static boolean mustNotAppear(String raw) {
        return raw.length() > 64 || raw.chars().anyMatch(c -> !harmless(c) || c == '"' || c == '\\');
    }

    /** Neither a control (C0, DEL, C1), a format or bidirectional character, a separator nor a surrogate. */
    private static boolean harmless(int c) {
        int type = Character.getType(c);
        return c >= 0x20
                && type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE
                && (c == ' ' || type != Character.SPACE_SEPARATOR);
    }

    private static List<byte[]> headerValues(int kind, Random random, Action caller) {
        String valid = caller.serializeTaskId();
        return switch (kind) {
            case 0 -> List.of(randomBytes(random, random.nextInt(300)));
            case 1 -> List.of(ascii(valid + "/" + "9".repeat(300 + random.nextInt(20_000))));
            case 2 -> List.of(ascii(atAndSlashAbuse(random, valid)));
            case 3 ->
                List.of(ascii(valid + "\r\nX-Injected: yes" + (random.nextBoolean() ? "\r\n\r\nGET / HTTP/1.1" : "")));
            case 4 -> List.of(ascii(UUID.randomUUID() + "@" + "/1".repeat(50 + random.nextInt(40))));
            case 5 -> manyHeaders(random, caller);
            case 6 -> List.of(mutate(random, ascii(valid)));
            default -> List.of(ascii(valid.replace('-', (char) (0x20 + random.nextInt(0x5f)))));
        };
    }

    private static List<byte[]> manyHeaders(Random random, Action caller) {
        List<byte[]> values = new ArrayList<>();
        int n = 2 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            values.add(ascii(caller.serializeTaskId()));
        }
        return values;
    }

    private static String atAndSlashAbuse(Random random, String valid) {
        String[] pieces = {"@", "/", "//", "@/", "0", "/0", "-1", "/2147483648", valid, "/1", "@@", " "};
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? valid.substring(0, 36) : "");
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static byte[] mutate(Random random, byte[] value) {
        byte[] copy = value.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String describe(List<byte[]> values) {
        StringBuilder sb = new StringBuilder();
        for (byte[] v : values) {
            sb.append('[');
            for (int i = 0; i < Math.min(v.length, 120); i++) {
                int c = v[i] & 0xff;
                sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            sb.append(v.length > 120 ? "... (" + v.length + " bytes)]" : "]");
        }
        return sb.toString();
    }

    /** Sends one GET with the given task id header values as raw bytes; returns the response status. */
    private int send(String path, List<byte[]> values) throws IOException {
        return send(path, "x-eliot-task-id", values);
    }

    /** Sends one GET with the given values of {@code header} as raw bytes; returns the response status. */
    private int send(String path, String header, List<byte[]> values) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(ascii("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"));
            for (byte[] value : values) {
                request.writeBytes(ascii(header + ": "));
                request.writeBytes(value);
                request.writeBytes(ascii("\r\n"));
            }
            request.writeBytes(ascii("Connection: close\r\n\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                statusLine.append((char) b);
            }
            in.readAllBytes();
            String[] parts = statusLine.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }
    }
}
