package io.eliot.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a serialized task id carried in a header, read the same way by every transport, so a
 * rejected id is quoted as its sender wrote it ({@code "café"}, not {@code "cafÃ©"}). A valid id is
 * ASCII and reads the same either way; this matters only for what {@link InvalidTaskIdException}
 * quotes.
 *
 * <pre>{@code
 * Eliot.continueTask(TaskIdHeaders.decode(record.headers().lastHeader("x-eliot-task-id").value()));
 * }</pre>
 */
public final class TaskIdHeaders {

    private TaskIdHeaders() {}

    /** Bytes as UTF-8 when they are valid UTF-8, else one character per byte (ISO-8859-1); never throws. */
    public static String decode(byte[] value) {
        if (value == null) {
            return "";
        }
        return utf8(value, new String(value, StandardCharsets.ISO_8859_1));
    }

    /**
     * A header value an HTTP server decoded one character per byte (ISO-8859-1, as Tomcat and Jetty
     * do), read again as UTF-8 when its bytes form valid UTF-8; otherwise {@code value} unchanged.
     */
    public static String fromIso88591(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            high |= c >= 0x80;
        }
        return high ? utf8(value.getBytes(StandardCharsets.ISO_8859_1), value) : value;
    }

    private static String utf8(byte[] bytes, String otherwise) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return otherwise;
        }
    }
}
