package io.eliot.tools;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * The lines of one input, without their line ends ({@code \n}, or {@code \r\n}). A read that fails
 * part way (a gzip file cut short, a read error) ends the lines instead of throwing: every whole
 * line read before it is handed over, then {@link #problem()} says what happened.
 */
final class LogLines implements Closeable {

    private final FailureAsEnd in;
    private final Reader reader;
    private final boolean compressed;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder partial = new StringBuilder();
    private int position;
    private int limit;
    private long lines;
    private boolean incompleteLineSkipped;
    private boolean ended;

    /** @param compressed whether {@code in} is decompressed gzip data (for the problem's wording) */
    LogLines(InputStream in, boolean compressed) {
        this.in = new FailureAsEnd(in);
        this.reader = new InputStreamReader(this.in, StandardCharsets.UTF_8);
        this.compressed = compressed;
    }

    /** The next line, or {@code null} at the end (or where reading failed). */
    String next() throws IOException {
        while (!ended) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    String line;
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    if (partial.isEmpty()) {
                        line = new String(buffer, position, end - position);
                    } else {
                        partial.append(buffer, position, i - position);
                        int length = partial.length();
                        if (length > 0 && partial.charAt(length - 1) == '\r') {
                            length--;
                        }
                        line = partial.substring(0, length);
                        partial.setLength(0);
                    }
                    position = i + 1;
                    lines++;
                    return line;
                }
            }
            partial.append(buffer, position, limit - position);
            position = 0;
            limit = reader.read(buffer, 0, buffer.length);
            if (limit < 0) {
                limit = 0;
                ended = true;
            }
        }
        if (partial.isEmpty()) {
            return null;
        }
        if (in.failure != null) {
            incompleteLineSkipped = true; // cut short: the rest of it was lost
            partial.setLength(0);
            return null;
        }
        String last = partial.toString(); // the last line of a file that does not end with a newline
        partial.setLength(0);
        lines++;
        return last;
    }

    /**
     * Why reading ended before the end of the input, as {@code "the compressed data ends early (a
     * truncated file) after line 1862; the incomplete line 1863 is skipped"}, or {@code null} when
     * all of it was read.
     */
    String problem() {
        IOException failure = in.failure;
        if (failure == null) {
            return null;
        }
        String what;
        if (compressed && failure instanceof EOFException) {
            what = "the compressed data ends early (a truncated file)";
        } else if (compressed && failure instanceof ZipException) {
            what = "the compressed data is corrupt (" + failure.getMessage() + ")";
        } else {
            what = "cannot read (" + (failure.getMessage() == null ? failure.toString() : failure.getMessage()) + ")";
        }
        return what + " after line " + lines
                + (incompleteLineSkipped ? "; the incomplete line " + (lines + 1) + " is skipped" : "");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Ends the stream where a read fails, keeping the failure, so that what came before is used. */
    private static final class FailureAsEnd extends FilterInputStream {
        IOException failure;

        FailureAsEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (failure != null) {
                return -1;
            }
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                return -1;
            }
        }
    }
}
