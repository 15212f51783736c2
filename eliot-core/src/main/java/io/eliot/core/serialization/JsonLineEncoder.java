package io.eliot.core.serialization;

import io.eliot.core.FieldRedaction;
import io.eliot.core.MessageRecord;
import io.eliot.core.TaskLevel;
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
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
        LineWriter writer = writers.get();
        writer.out.reset();
        JsonGenerator g = writer.generator();
        try {
            writeMessage(g, message);
            g.flush();
        } catch (RuntimeException | StackOverflowError e) {
            writer.discard(); // left mid-object: the next message starts on a fresh generator
            throw e;
        }
        writer.out.write('\n');
        return writer.out.toByteArray();
    }

    private void writeMessage(JsonGenerator g, MessageRecord message) {
        g.writeStartObject();
        g.writeName(MessageRecord.TASK_UUID);
        g.writeString(message.taskUuid());
        g.writeName(MessageRecord.TASK_LEVEL);
        TaskLevel level = message.taskLevel();
        g.writeStartArray();
        for (int i = 0; i < level.depth(); i++) {
            g.writeNumber(level.get(i));
        }
        g.writeEndArray();
        g.writeName(MessageRecord.TIMESTAMP);
        g.writeNumber(seconds(message.timestampMicros()));
        if (message.isAction()) {
            g.writeName(MessageRecord.ACTION_TYPE);
            g.writeString(message.actionType());
            g.writeName(MessageRecord.ACTION_STATUS);
            g.writeString(message.actionStatus().wireName());
        } else if (message.messageType() != null) {
            g.writeName(MessageRecord.MESSAGE_TYPE);
            g.writeString(message.messageType());
        }
        Map<String, Object> fields = message.fields();
        MessageSchema schema = message.schema().orElse(null);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = schema == null ? field.getValue() : schema.serialize(message, name, field.getValue());
            writeField(g, name, value);
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
        private byte[] bytes = new byte[512];
        private int count;

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
            FieldRedaction redaction = FieldRedaction.current();
            if (redaction == FieldRedaction.NONE) {
                mapper.writeValue(g, value);
            } else {
                // A record or bean may hold a secret under a redacted name: redact its JSON form.
                mapper.writeValue(g, redact(mapper.valueToTree(value), redaction, 0));
            }
        }
    }

    /** {@code node} with the values of redacted property names replaced, at any depth. */
    private static JsonNode redact(JsonNode node, FieldRedaction redaction, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                if (redaction.matches(name)) {
                    object.put(name, FieldRedaction.REDACTED);
                } else {
                    redact(object.get(name), redaction, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                redact(element, redaction, depth + 1);
            }
        }
        return node;
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
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        String digits = Long.toString(fraction);
        StringBuilder sb = new StringBuilder(18).append(seconds).append('.');
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
