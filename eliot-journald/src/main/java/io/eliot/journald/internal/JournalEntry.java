package io.eliot.journald.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one entry in journald's native protocol: {@code NAME=value\n} per field, or, for a value
 * holding a newline, {@code NAME\n}, the value's length as a 64-bit little-endian integer, the value,
 * and {@code \n}.
 */
public final class JournalEntry {

    private final ByteArrayOutputStream out;

    /** An empty entry, sized for about {@code expectedBytes}. */
    public JournalEntry(int expectedBytes) {
        out = new ByteArrayOutputStream(expectedBytes);
    }

    /** Adds a field; a {@code null} value adds nothing. */
    public JournalEntry add(String name, String value) {
        return value == null ? this : add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a field with a value of raw bytes. */
    public JournalEntry add(String name, byte[] value) {
        return add(name, value, 0, value.length);
    }

    /** Adds a field whose value is {@code length} bytes of {@code value} from {@code offset}. */
    public JournalEntry add(String name, byte[] value, int offset, int length) {
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if (contains(value, offset, length, (byte) '\n')) {
            out.write('\n');
            long n = length;
            for (int i = 0; i < 8; i++) {
                out.write((int) (n >>> (8 * i)) & 0xff);
            }
        } else {
            out.write('=');
        }
        out.write(value, offset, length);
        out.write('\n');
        return this;
    }

    /** The entry's bytes. */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    private static boolean contains(byte[] bytes, int offset, int length, byte b) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == b) {
                return true;
            }
        }
        return false;
    }
}
