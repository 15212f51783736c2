package io.eliot.core.serialization;

import io.eliot.core.ActionStatus;
import io.eliot.core.MessageRecord;
import io.eliot.core.TaskLevel;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Throwables;
import io.eliot.core.internal.Timestamps;
import io.eliot.core.type.MessageSchema;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes messages as JSON lines in the Eliot wire format: one UTF-8 JSON object per message,
 * terminated by {@code \n}, with no raw newline inside.
 *
 * <p>The structural fields and plain values (strings, numbers, booleans, null, maps, collections,
 * arrays) are written directly with Jackson's streaming generator; any other value goes through the
 * {@link JsonMapper} (records, POJOs, {@code java.time} values as ISO-8601 strings, {@code
 * Optional}, enums, {@code UUID}, {@code byte[]} as base64). A message that cannot be encoded is
 * replaced by an {@code eliot:traceback} line and an {@code eliot:serialization_failure} line (each
 * a task of its own) holding its string form: {@link #encode} never throws.
 *
 * <p>Thread-safe.
 */
public final class JsonLineEncoder {

    /** Nesting deeper than this in maps and collections is treated as a cycle and fails. */
    static final int MAX_DEPTH = 500;

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    // The structural names and statuses, encoded once.
    private static final SerializedString TASK_UUID = new SerializedString(MessageRecord.TASK_UUID),
            TASK_LEVEL = new SerializedString(MessageRecord.TASK_LEVEL),
            TIMESTAMP = new SerializedString(MessageRecord.TIMESTAMP),
            MESSAGE_TYPE = new SerializedString(MessageRecord.MESSAGE_TYPE),
            ACTION_TYPE = new SerializedString(MessageRecord.ACTION_TYPE),
            ACTION_STATUS = new SerializedString(MessageRecord.ACTION_STATUS);
    private static final SerializedString[] STATUSES = Arrays.stream(ActionStatus.values())
            .map(status -> new SerializedString(status.wireName()))
            .toArray(SerializedString[]::new);

    /** Writes the structure; no separator between root values, lines are ended by hand. */
    private static final JsonFactory LINES =
            JsonFactory.builder().rootValueSeparator((String) null).build();

    private final JsonMapper mapper;
    private final ThreadLocal<LineWriter> writers = ThreadLocal.withInitial(LineWriter::new);

    /** An encoder using a default {@link JsonMapper}. */
    public JsonLineEncoder() {
        this(DEFAULT_MAPPER);
    }

    /**
     * An encoder using {@code mapper} for values that are not plain JSON types (a copy without
     * {@code INDENT_OUTPUT} if it pretty-prints).
     */
    public JsonLineEncoder(JsonMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        // An application's mapper may pretty-print; a JSON line must not.
        this.mapper = mapper.isEnabled(SerializationFeature.INDENT_OUTPUT)
                ? mapper.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build()
                : mapper;
    }

    /** The message as UTF-8 JSON line(s), each terminated by {@code \n}. Never throws. */
    public byte[] encode(MessageRecord message) {
        try {
            return encodeOrThrow(message);
        } catch (Throwable failure) {
            return encodeFailure(message, failure);
        }
    }

    /** Receives encoded bytes that are valid only during the call. */
    @FunctionalInterface
    public interface LineSink {
        /** Takes {@code bytes[0, length)}: whole lines, each terminated by {@code \n}. */
        void accept(byte[] bytes, int length) throws java.io.IOException;
    }

    /**
     * Like {@link #encode(MessageRecord)}, but hands the line(s) to {@code sink} in one call from this
     * thread's reused buffer instead of copying them into a new array. Throws only what {@code sink}
     * throws.
     */
    public void encode(MessageRecord message, LineSink sink) throws java.io.IOException {
        LineWriter writer;
        try {
            writer = encodeInBuffer(message);
        } catch (Throwable failure) {
            byte[] lines = encodeFailure(message, failure);
            sink.accept(lines, lines.length);
            return;
        }
        sink.accept(writer.out.bytes, writer.out.count);
    }

    /**
     * The message as one UTF-8 JSON line, or an exception saying why it cannot be encoded; for
     * checks such as "every message a test logged is serializable".
     *
     * @throws SerializationException naming the field that failed
     */
    public byte[] encodeStrictly(MessageRecord message) {
        try {
            return encodeOrThrow(message);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException(
                    "message " + message.type() + " at " + message.taskLevel() + " cannot be serialized: " + e, e);
        }
    }

    /** {@link #encode} as a string. */
    public String encodeToString(MessageRecord message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    private byte[] encodeOrThrow(MessageRecord message) {
        return encodeInBuffer(message).out.toByteArray();
    }

    /** Encodes into this thread's buffer, which holds the line until the thread's next encoding. */
    private LineWriter encodeInBuffer(MessageRecord message) {
        LineWriter writer = writers.get();
        writer.out.reset();
        JsonGenerator g = writer.generator();
        try {
            writeMessage(g, message, writer.digits);
            g.flush();
        } catch (RuntimeException | StackOverflowError e) {
            writer.discard(); // left mid-object: the next message starts on a fresh generator
            throw e;
        }
        writer.out.write('\n');
        return writer;
    }

    private void writeMessage(JsonGenerator g, MessageRecord message, char[] digits) {
        g.writeStartObject();
        g.writeName(TASK_UUID);
        g.writeString(message.taskUuid());
        g.writeName(TASK_LEVEL);
        TaskLevel level = message.taskLevel();
        g.writeStartArray();
        for (int i = 0; i < level.depth(); i++) {
            g.writeNumber(level.get(i));
        }
        g.writeEndArray();
        g.writeName(TIMESTAMP);
        g.writeNumber(digits, 0, seconds(message.timestampMicros(), digits));
        if (message.isAction()) {
            g.writeName(ACTION_TYPE);
            g.writeString(message.actionType());
            g.writeName(ACTION_STATUS);
            g.writeString(STATUSES[message.actionStatus().ordinal()]);
        } else if (message.messageType() != null) {
            g.writeName(MESSAGE_TYPE);
            g.writeString(message.messageType());
        }
        Map<String, Object> fields = message.fields();
        MessageSchema schema = message.schema().orElse(null);
        if (fields instanceof FieldMap own) {
            for (int i = 0; i < own.size(); i++) {
                String name = own.nameAt(i);
                Object value = schema == null ? own.valueAt(i) : schema.serialize(message, name, own.valueAt(i));
                writeField(g, name, value);
            }
        } else {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                String name = field.getKey();
                Object value = schema == null ? field.getValue() : schema.serialize(message, name, field.getValue());
                writeField(g, name, value);
            }
        }
        for (Map.Entry<String, Object> global : message.globalFields().entrySet()) {
            if (!fields.containsKey(global.getKey())) {
                writeField(g, global.getKey(), global.getValue());
            }
        }
        g.writeEndObject();
    }

    /**
     * One thread's generator and buffer, reused from message to message: creating a generator and a
     * stream per message cost more than the rest of the encoding.
     */
    private static final class LineWriter {
        final LineBuffer out = new LineBuffer();
        final char[] digits = new char[24];
        private JsonGenerator generator;

        JsonGenerator generator() {
            if (generator == null) {
                generator = LINES.createGenerator(ObjectWriteContext.empty(), out);
            }
            return generator;
        }

        void discard() {
            generator = null;
        }
    }

    /** A growable byte buffer that is reset, not reallocated, between messages. */
    private static final class LineBuffer extends OutputStream {
        byte[] bytes = new byte[512];
        int count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }
    }

    private void writeField(JsonGenerator g, String name, Object value) {
        g.writeName(name);
        try {
            writeValue(g, value, 0);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException(
                    "field '" + name + "' (" + typeName(value) + ") cannot be serialized: " + Throwables.reason(e), e);
        }
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private void writeValue(JsonGenerator g, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            g.writeStartArray();
            for (Object element : collection) {
                writeValue(g, element, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] array) {
            g.writeStartArray();
            for (Object element : array) {
                writeValue(g, element, depth + 1);
            }
            g.writeEndArray();
        } else {
            mapper.writeValue(g, value);
        }
    }

    private byte[] encodeFailure(MessageRecord message, Throwable failure) {
        Map<String, Object> traceback = new LinkedHashMap<>(4);
        traceback.put("exception", failure.getClass().getName());
        traceback.put("reason", Throwables.reason(failure));
        traceback.put("traceback", Throwables.traceback(failure));
        byte[] first = encodeOwn("eliot:traceback", traceback);
        byte[] second =
                encodeOwn("eliot:serialization_failure", Map.of("message", Throwables.safeToString(message.toMap())));
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Encodes one of Eliot's own messages, whose fields are all strings and cannot fail. */
    private byte[] encodeOwn(String messageType, Map<String, ?> fields) {
        return encodeOrThrow(MessageRecord.message(
                TaskUuids.next(), TaskLevel.ROOT.child(), Timestamps.nowMicros(), messageType, fields));
    }

    /** Seconds since the epoch with exactly six decimals, e.g. {@code 1509136967.206684}. */
    static String seconds(long micros) {
        char[] digits = new char[24];
        return new String(digits, 0, seconds(micros, digits));
    }

    /** Writes {@link #seconds(long)} into {@code digits} (24 chars) without allocating; returns the length. */
    static int seconds(long micros, char[] digits) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        int end = 24;
        for (int i = 0; i < 6; i++) {
            digits[--end] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        digits[--end] = '.';
        boolean negative = seconds < 0;
        long rest = Math.abs(seconds); // |Long.MIN_VALUE / 1e6| fits
        do {
            digits[--end] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        if (negative) {
            digits[--end] = '-';
        }
        int length = 24 - end;
        System.arraycopy(digits, end, digits, 0, length);
        return length;
    }
}
