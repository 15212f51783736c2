package io.eliot.core.serialization;

import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.RedactedText;
import io.eliot.core.internal.Throwables;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.MessageSchema;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.settings.FieldLimits;
import io.eliot.core.settings.FieldRedaction;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
 * <p>The structural fields and plain values (strings, integers, booleans, null, maps, collections,
 * arrays) are written straight to bytes, strings that need escaping and floating-point numbers
 * with Jackson's streaming generator, exactly as Jackson writes them; any other value goes through
 * the {@link JsonMapper} (records, POJOs, {@code java.time} values as ISO-8601 strings, {@code
 * Optional}, enums, {@code UUID}, {@code byte[]} as base64). A field that cannot be encoded (a
 * getter that throws, even an {@link Error} that is not a {@link VirtualMachineError}) is written
 * as a marker naming the exception, and the message, still at its own position and of its own kind,
 * gets a {@value #FAILURES_FIELD} field listing such fields with their exceptions and tracebacks,
 * cut to the {@link FieldLimits}: {@link #encode} never throws.
 *
 * <p>Thread-safe.
 */
public final class JsonLineEncoder {

    /** The field that lists the fields of a message that could not be written. */
    public static final String FAILURES_FIELD = "eliot:serialization_failure";

    /** Nesting deeper than this in maps and collections is treated as a cycle and fails. */
    static final int MAX_DEPTH = 500;

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    /** Writes single values into a line being built by hand: no separator between root values. */
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

    /** The message as one UTF-8 JSON line, terminated by {@code \n}. Never throws. */
    public byte[] encode(MessageRecord message) {
        try {
            return encodeOrThrow(message);
        } catch (Throwable failure) {
            Throwables.rethrowIfFatal(failure);
            return encodeFailure(message, failure);
        }
    }

    /** Receives encoded bytes that are valid only during the call. */
    @FunctionalInterface
    public interface LineSink {
        /** Takes {@code bytes[0, length)}: one whole line, terminated by {@code \n}. */
        void accept(byte[] bytes, int length) throws java.io.IOException;
    }

    /**
     * Like {@link #encode(MessageRecord)}, but hands the line to {@code sink} in one call from this
     * thread's reused buffer instead of copying them into a new array. Throws only what {@code sink}
     * throws.
     */
    public void encode(MessageRecord message, LineSink sink) throws java.io.IOException {
        LineWriter writer;
        try {
            writer = encodeInBuffer(message);
        } catch (Throwable failure) {
            Throwables.rethrowIfFatal(failure);
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
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
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
        try {
            writeMessage(writer, message, null);
        } catch (Throwable e) {
            writer.discard(); // may be left mid-value: the next message starts on a fresh generator
            throw e;
        }
        writer.out.write('\n');
        return writer;
    }

    /**
     * Writes the message straight to bytes: the structure, names, plain strings and integers by
     * hand; only what needs escaping, floating-point numbers and objects go through Jackson (each as
     * a root value into the same buffer), so the output is exactly what Jackson alone would write.
     */
    private void writeMessage(LineWriter w, MessageRecord message, List<FieldFailure> failures) {
        LineBuffer out = w.out;
        out.ascii("{\"task_uuid\":");
        writeString(w, message.taskUuid());
        out.ascii(",\"task_level\":[");
        TaskLevel level = message.taskLevel();
        for (int i = 0; i < level.depth(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.decimal(level.get(i));
        }
        out.ascii("],\"timestamp\":");
        out.chars(w.digits, seconds(message.timestampMicros(), w.digits));
        if (message.isAction()) {
            out.ascii(",\"action_type\":");
            writeString(w, message.actionType());
            out.ascii(",\"action_status\":\"");
            out.ascii(message.actionStatus().wireName());
            out.write('"');
        } else if (message.messageType() != null) {
            out.ascii(",\"message_type\":");
            writeString(w, message.messageType());
        }
        Map<String, Object> fields = message.fields();
        MessageSchema schema = message.schema().orElse(null);
        if (fields instanceof FieldMap own) {
            for (int i = 0; i < own.size(); i++) {
                writeField(w, lineName(own.nameAt(i), message), own.valueAt(i), schema, message, failures);
            }
        } else {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                writeField(w, lineName(field.getKey(), message), field.getValue(), schema, message, failures);
            }
        }
        Map<String, Object> globals = message.globalFields();
        if (!globals.isEmpty()) { // Map.of()'s entrySet() is a new object each time
            for (Map.Entry<String, Object> global : globals.entrySet()) {
                if (!fields.containsKey(global.getKey())) {
                    writeField(w, lineName(global.getKey(), message), global.getValue(), null, message, failures);
                }
            }
        }
        if (failures != null && !failures.isEmpty()) {
            writeFailures(w, failures, fields, globals);
        }
        out.write('}');
    }

    /** The names the structure of a line takes. */
    private static final java.util.Set<String> STRUCTURAL = java.util.Set.of(
            MessageRecord.TASK_UUID,
            MessageRecord.TASK_LEVEL,
            MessageRecord.TIMESTAMP,
            MessageRecord.MESSAGE_TYPE,
            MessageRecord.ACTION_TYPE,
            MessageRecord.ACTION_STATUS);

    /**
     * {@code name}, unless the line's structure takes it (a record made by hand may hold such a
     * field; Eliot's API renames them when they are logged): then {@code user_} in front, as many
     * times as it takes to be free among the message's fields, so no line repeats a key.
     */
    private static String lineName(String name, MessageRecord message) {
        if (name.length() < 9 || name.length() > 13 || !STRUCTURAL.contains(name)) {
            return name;
        }
        String free = name;
        do {
            free = "user_" + free;
        } while (message.fields().containsKey(free) || message.globalFields().containsKey(free));
        return free;
    }

    /** A string as JSON: by hand when it is printable ASCII with nothing to escape, else by Jackson. */
    private static void writeString(LineWriter w, String s) {
        if (!w.out.plainString(s)) {
            JsonGenerator g = w.generator();
            g.writeString(s);
            g.flush();
        }
    }

    /**
     * One thread's generator and buffer, reused from message to message: creating a generator and a
     * stream per message cost more than the rest of the encoding.
     */
    private static final class LineWriter {
        final LineBuffer out = new LineBuffer();
        final char[] digits = new char[24];
        private JsonGenerator generator;

        /** The generator, writing root values straight after what is in the buffer; flush after use. */
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

    /** Printable ASCII that a JSON string holds as it is: not a control character, {@code "} or {@code \\}. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 0x20; c < 0x7F; c++) {
            PLAIN[c] = c != '"' && c != '\\';
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

        /** Appends {@code s}, known to be ASCII. */
        @SuppressWarnings("deprecation") // the byte-copying getBytes is exactly right for ASCII
        void ascii(String s) {
            int n = s.length();
            ensure(n);
            s.getBytes(0, n, bytes, count); // ASCII: the low byte of each char is the char
            count += n;
        }

        /** Appends {@code chars[0, n)}, known to be ASCII. */
        void chars(char[] chars, int n) {
            ensure(n);
            byte[] b = bytes;
            int pos = count;
            for (int i = 0; i < n; i++) {
                b[pos++] = (byte) chars[i];
            }
            count = pos;
        }

        /** Appends {@code value} in decimal. */
        void decimal(long value) {
            if (value < 0 || value > Integer.MAX_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            int v = (int) value;
            int digits = 1;
            for (int rest = v / 10; rest > 0; rest /= 10) {
                digits++;
            }
            ensure(digits);
            byte[] b = bytes;
            for (int i = count + digits - 1; i >= count; i--) {
                b[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            count += digits;
        }

        /**
         * Appends {@code s} as a quoted JSON string if every char is printable ASCII other than
         * {@code "} and {@code \\}; otherwise appends nothing and returns false.
         */
        boolean plainString(String s) {
            int n = s.length();
            ensure(n + 2);
            byte[] b = bytes;
            int pos = count;
            b[pos++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 128 || !PLAIN[c]) {
                    return false;
                }
                b[pos++] = (byte) c;
            }
            b[pos++] = '"';
            count = pos;
            return true;
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

    /**
     * Writes one field; {@code schema} (nullable) serializes its value first. When it cannot be
     * written: with {@code failures} null, throws {@link SerializationException}; otherwise writes
     * a marker naming the exception in its place and adds the failure to {@code failures}.
     */
    private void writeField(
            LineWriter w,
            String name,
            Object raw,
            MessageSchema schema,
            MessageRecord message,
            List<FieldFailure> failures) {
        w.out.write(',');
        writeString(w, name);
        w.out.write(':');
        int mark = w.out.count;
        Object value = raw;
        try {
            if (schema != null) {
                value = schema.serialize(message, name, raw);
            }
            writeValue(w, value, 0);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            if (failures == null) {
                throw new SerializationException(
                        "field '" + name + "' (" + typeName(value) + ") cannot be serialized: " + Throwables.reason(e),
                        e);
            }
            w.out.count = mark; // drop what was written of the value
            w.discard();
            Throwable failure = e instanceof tools.jackson.databind.DatabindException && e.getCause() != null
                    ? e.getCause() // Jackson's wrapper around what a getter threw: name what it threw
                    : e;
            FieldFailure reported = FieldFailure.of(name, failure, message);
            writeString(w, reported.marker());
            failures.add(reported);
        }
    }

    /**
     * A field that could not be written, and why, as written: cut to the {@link FieldLimits} and with
     * the values the message holds under redacted names scrubbed from the exception's texts.
     */
    private record FieldFailure(String field, String exception, String marker, String reason, String traceback) {

        static FieldFailure of(String field, Throwable error, MessageRecord message) {
            FieldLimits limits = FieldLimits.defaults();
            RedactedText failed = FieldRedaction.current() == FieldRedaction.NONE
                    ? null
                    : RedactedText.of(message.toMap()); // its redacted values, to scrub from the texts
            return new FieldFailure(
                    field,
                    error.getClass().getName(),
                    scrub(failed, Throwables.unreadable(error, limits.maxStringLength())),
                    scrub(failed, Throwables.cut(Throwables.reason(error), limits.maxStringLength())),
                    scrub(
                            failed,
                            Throwables.cut(
                                    Throwables.traceback(error),
                                    Math.max(limits.maxStringLength(), limits.maxMessageSize() / 10))));
        }

        private static String scrub(RedactedText failed, String text) {
            return failed == null ? text : failed.scrub(text);
        }
    }

    /**
     * The {@value #FAILURES_FIELD} field of a message some of whose fields could not be written: one
     * {@code {field, exception, reason, traceback}} entry per field, cut to the {@link FieldLimits}.
     */
    private void writeFailures(
            LineWriter w, List<FieldFailure> failures, Map<String, Object> fields, Map<String, Object> globals) {
        String name = FAILURES_FIELD;
        for (int k = 2; fields.containsKey(name) || globals.containsKey(name); k++) {
            name = FAILURES_FIELD + "#" + k;
        }
        LineBuffer out = w.out;
        out.write(',');
        writeString(w, name);
        out.ascii(":[");
        for (int i = 0; i < failures.size(); i++) {
            FieldFailure failure = failures.get(i);
            out.ascii(i == 0 ? "{\"field\":" : ",{\"field\":");
            writeString(w, failure.field());
            out.ascii(",\"exception\":");
            writeString(w, failure.exception());
            out.ascii(",\"reason\":");
            writeString(w, failure.reason());
            out.ascii(",\"traceback\":");
            writeString(w, failure.traceback());
            out.write('}');
        }
        out.write(']');
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private void writeValue(LineWriter w, Object value, int depth) {
        checkDepth(depth);
        LineBuffer out = w.out;
        if (value == null) {
            out.ascii("null");
        } else if (value instanceof String s) {
            writeString(w, s);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            out.decimal(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.ascii(b ? "true" : "false");
        } else if (value instanceof FieldMap map) { // a map captured when it was logged: no entry objects
            out.write('{');
            for (int i = 0; i < map.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeString(w, map.nameAt(i));
                out.write(':');
                writeValue(w, map.valueAt(i), depth + 1);
            }
            out.write('}');
        } else if (value instanceof Map<?, ?> map) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeString(w, String.valueOf(e.getKey()));
                out.write(':');
                writeValue(w, e.getValue(), depth + 1);
            }
            out.write('}');
        } else if (value instanceof Collection<?> collection) {
            out.write('[');
            boolean first = true;
            for (Object element : collection) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeValue(w, element, depth + 1);
            }
            out.write(']');
        } else if (value instanceof Object[] array) {
            out.write('[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeValue(w, array[i], depth + 1);
            }
            out.write(']');
        } else {
            // Floating-point numbers, POJOs, records, java.time, Optional, ...: Jackson's way.
            JsonGenerator g = w.generator();
            if (value instanceof Double d) {
                g.writeNumber(d);
            } else if (value instanceof Float f) {
                g.writeNumber(f);
            } else {
                FieldRedaction redaction = FieldRedaction.current();
                if (redaction == FieldRedaction.NONE) {
                    mapper.writeValue(g, value);
                } else {
                    // A record or bean may hold a secret under a redacted name: redact its JSON form.
                    mapper.writeValue(g, redact(mapper.valueToTree(value), redaction, 0));
                }
            }
            g.flush();
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
    }

    /** {@code node} with the values of redacted property names replaced, at any depth. */
    private static JsonNode redact(JsonNode node, FieldRedaction redaction, int depth) {
        checkDepth(depth);
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

    /**
     * The line of a message some of whose fields could not be written: the message at its own
     * position, of its own kind, with the global fields, each failing field replaced by a marker
     * naming the exception, and a {@value #FAILURES_FIELD} field with the exceptions and tracebacks.
     * If even that fails, only the structural fields and the failure.
     */
    private byte[] encodeFailure(MessageRecord message, Throwable failure) {
        LineWriter writer = writers.get();
        writer.out.reset();
        try {
            writeMessage(writer, message, new ArrayList<>(2));
            writer.out.write('\n');
            return writer.out.toByteArray();
        } catch (Throwable again) {
            Throwables.rethrowIfFatal(again);
            writer.discard();
        }
        FieldMap bare = new FieldMap(0).freeze();
        MessageRecord structure = message.isAction()
                ? MessageRecord.action(
                        message.taskUuid(),
                        message.taskLevel(),
                        message.timestampMicros(),
                        message.actionType(),
                        message.actionStatus(),
                        bare)
                : MessageRecord.message(
                        message.taskUuid(),
                        message.taskLevel(),
                        message.timestampMicros(),
                        message.messageType(),
                        bare);
        structure = structure.withGlobalFields(message.globalFields());
        writer.out.reset();
        List<FieldFailure> failures = new ArrayList<>(1);
        failures.add(FieldFailure.of("*", failure, message));
        writeMessage(writer, structure, failures);
        writer.out.write('\n');
        return writer.out.toByteArray();
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
