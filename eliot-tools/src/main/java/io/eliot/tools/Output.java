package io.eliot.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Text waiting to be written to standard output, flushed in large pieces. The methods that write
 * throw {@link UncheckedIOException} when the reader of the output went away (e.g. {@code | head}).
 */
final class Output {

    private final StringBuilder buffer = new StringBuilder(1 << 17);
    private final Writer out;

    Output(Writer out) {
        this.out = out;
    }

    /** Where commands append their text; {@link #maybeFlush()} after appending. */
    StringBuilder buffer() {
        return buffer;
    }

    /** Writes the buffer out once it is large. */
    void maybeFlush() {
        if (buffer.length() >= 1 << 16) {
            write();
        }
    }

    /** Writes the buffer out and flushes, e.g. before waiting for more input. */
    void flush() {
        write();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write() {
        try {
            out.append(buffer);
            buffer.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
