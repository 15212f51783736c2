package io.eliot.core.destination;

import io.eliot.core.internal.FlushScheduler;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * Appends messages to a file as JSON lines (UTF-8), with a {@link FlushPolicy} and optional
 * size-based rollover ({@code app.log} becomes {@code app.log.1}, {@code app.log.1} becomes {@code
 * app.log.2}, ... keeping the configured number of old files).
 *
 * <pre>{@code
 * JsonFileDestination file = JsonFileDestination.builder(Path.of("logs/app.log"))
 *         .flushPolicy(FlushPolicy.every(Duration.ofMillis(200)))
 *         .rollover(100 * 1024 * 1024, 5)
 *         .build();
 * Eliot.addDestination(AsyncDestination.wrap(file));
 * }</pre>
 *
 * <p>Opening fails at once, with a message naming the file, when it cannot be written. A failure
 * later (a full disk, the directory removed or made unwritable before a rollover) fails the
 * messages written meanwhile, each reported by Eliot as part of one {@code
 * eliot:destination_failure} episode, and the file is reopened, at most every half second, as soon
 * as it can be; a line cut short by the failure is left alone on a line of its own. Encoding
 * happens on the calling thread; wrap it in an {@link AsyncDestination} to keep I/O and JSON off
 * the application's threads. Thread-safe.
 */
public final class JsonFileDestination implements Destination {

    /** How long a broken file is left alone before the next attempt to reopen it (or to roll over). */
    public static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

    private static final long RETRY_NANOS = RETRY_INTERVAL.toNanos();

    private final Path path;
    private final JsonLineEncoder encoder;
    private final FlushPolicy flushPolicy;
    private final long maxBytes;
    private final int keep;
    private final ScheduledFuture<?> flusher;
    private final JsonLineEncoder.LineSink appender = this::append;

    private final byte[] buffer; // guarded by this: lines accepted but not yet in the file
    private int buffered; // guarded by this
    private OutputStream out; // guarded by this; null while the file is broken
    private IOException brokenBy; // guarded by this; why out is null
    private long retryAt; // guarded by this; System.nanoTime() of the next reopen attempt
    private long rollRetryAt; // guarded by this; no rollover before it after a failed one
    private long size; // guarded by this: bytes in the file plus bytes buffered
    private boolean closed; // guarded by this

    private JsonFileDestination(Builder b) {
        this.path = b.path.toAbsolutePath();
        this.encoder = b.encoder;
        this.flushPolicy = b.flushPolicy;
        this.maxBytes = b.maxBytes;
        this.keep = b.keep;
        this.buffer = new byte[b.bufferSize];
        try {
            open();
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(
                    new IOException("cannot open Eliot log file " + path + " for appending: " + e, e));
        }
        this.flusher =
                flushPolicy.isEveryMessage() ? null : FlushScheduler.every(flushPolicy.interval(), this::flushQuietly);
    }

    /** Opens {@code path} for appending, flushing every message, without rollover. */
    public static JsonFileDestination open(Path path) {
        return builder(path).build();
    }

    /** A builder for a destination appending to {@code path}. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /**
     * Opens the file for appending (creating its directory), and starts a new line when the file
     * ends with a line cut short by an earlier failure, so that line stays one unparseable line.
     */
    private void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream file = Files.newOutputStream(
                path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        try {
            long existing = Files.isRegularFile(path) ? Files.size(path) : 0;
            if (existing > 0 && !endsWithNewline()) {
                file.write('\n');
                existing++;
            }
            out = file;
            size = existing + buffered;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            channel.position(channel.size() - 1);
            ByteBuffer last = ByteBuffer.allocate(1);
            return channel.read(last) == 1 && last.get(0) == '\n';
        }
    }

    /**
     * Appends the message's line. While the file is broken (a full disk, a directory gone or made
     * unwritable) each message fails at once with the reason, and every half second one message
     * tries to reopen the file; lines accepted before the failure are kept and written first.
     */
    @Override
    public void write(MessageRecord message) throws IOException {
        encoder.encode(message, appender); // from the encoder's buffer: no copy per line
    }

    private void append(byte[] line, int length) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("Eliot log file " + path + " is closed");
            }
            ensureOpen();
            if (maxBytes > 0 && size > 0 && size + length > maxBytes && System.nanoTime() - rollRetryAt >= 0) {
                roll();
            }
            if (buffered + length > buffer.length) {
                flushBuffer();
            }
            if (length > buffer.length) {
                writeThrough(line, length);
            } else {
                System.arraycopy(line, 0, buffer, buffered, length);
                buffered += length;
                size += length;
                if (flushPolicy.isEveryMessage()) {
                    try {
                        flushBuffer();
                    } catch (IOException e) {
                        // This message is reported as failed: it must not also reach the file later.
                        buffered -= length;
                        size -= length;
                        throw e;
                    }
                }
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (out != null) {
            return;
        }
        long now = System.nanoTime();
        if (now - retryAt < 0) {
            throw new IOException("Eliot log file " + path + " is unavailable: " + brokenBy.getMessage(), brokenBy);
        }
        try {
            open();
            brokenBy = null;
        } catch (IOException | RuntimeException e) {
            throw broken(new IOException("cannot reopen Eliot log file " + path + ": " + e, e));
        }
        flushBuffer();
    }

    private void writeThrough(byte[] line, int length) throws IOException {
        try {
            out.write(line, 0, length);
            size += length;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** Writes the buffered lines; on failure they stay buffered and the file is closed until a retry. */
    private void flushBuffer() throws IOException {
        if (buffered == 0 || out == null) {
            return;
        }
        try {
            out.write(buffer, 0, buffered);
            buffered = 0;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private IOException broken(IOException failure) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Already failing; the reason reported is the first failure.
            }
            out = null;
        }
        brokenBy = failure;
        retryAt = System.nanoTime() + RETRY_NANOS;
        return failure;
    }

    /**
     * Moves the current file to {@code .1} (shifting older ones), then starts a new one. When the
     * files cannot be moved, writing goes on into the current file and the next rollover is tried
     * half a second later.
     */
    private void roll() throws IOException {
        flushBuffer();
        try {
            out.close();
        } catch (IOException e) {
            throw broken(e);
        }
        out = null;
        IOException failure = null;
        try {
            if (keep == 0) {
                Files.deleteIfExists(path);
            } else {
                Files.deleteIfExists(rolled(keep));
                for (int i = keep - 1; i >= 1; i--) {
                    if (Files.exists(rolled(i))) {
                        Files.move(rolled(i), rolled(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(path, rolled(1), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            failure = e;
            rollRetryAt = System.nanoTime() + RETRY_NANOS;
        }
        try {
            open(); // after a failed move this appends to the current file again
        } catch (IOException | RuntimeException e) {
            throw broken(new IOException("cannot reopen Eliot log file " + path + " after rollover: " + e, e));
        }
        if (failure != null) {
            throw new IOException(
                    "rolling over Eliot log file " + path + " failed; still writing to it: " + failure, failure);
        }
    }

    /** The file name of the {@code n}-th rolled file: {@code app.log.n}. */
    Path rolled(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    /** Writes the buffered lines to the file. */
    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            ensureOpen();
            flushBuffer();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            // The next write reports the broken file as eliot:destination_failure.
        }
    }

    /** Flushes and closes the file; later writes fail. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (flusher != null) {
            flusher.cancel(false);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            try {
                if (out == null && buffered > 0) {
                    retryAt = 0;
                    ensureOpen();
                }
                flushBuffer();
            } catch (IOException e) {
                failure = e;
            } finally {
                if (out != null) {
                    out.close();
                    out = null;
                }
            }
            if (buffered > 0) {
                int lines = 0;
                for (int i = 0; i < buffered; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
                throw new IOException(
                        "Eliot log file " + path + " closed with " + lines + " messages it could not write: " + failure,
                        failure);
            }
        }
    }

    /** The file written to (absolute). */
    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return "JsonFileDestination[" + path + ", flush " + flushPolicy
                + (maxBytes > 0 ? ", rollover at " + maxBytes + " bytes keeping " + keep : "") + "]";
    }

    /** Configures a {@link JsonFileDestination}. */
    public static final class Builder {
        private final Path path;
        private JsonLineEncoder encoder = new JsonLineEncoder();
        private FlushPolicy flushPolicy = FlushPolicy.everyMessage();
        private long maxBytes;
        private int keep;
        private int bufferSize = 64 * 1024;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The encoder (and so the Jackson mapper) to use; default {@code new JsonLineEncoder()}. */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** When to flush; default {@link FlushPolicy#everyMessage()}. */
        public Builder flushPolicy(FlushPolicy flushPolicy) {
            this.flushPolicy = Objects.requireNonNull(flushPolicy, "flushPolicy");
            return this;
        }

        /**
         * Rolls the file over before it would grow past {@code maxBytes}, keeping {@code keep} old
         * files ({@code 0}: old content is deleted).
         *
         * @throws IllegalArgumentException if {@code maxBytes} is not positive or {@code keep} negative
         */
        public Builder rollover(long maxBytes, int keep) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("rollover size must be positive, was " + maxBytes);
            }
            if (keep < 0) {
                throw new IllegalArgumentException("number of rolled files to keep must not be negative, was " + keep);
            }
            this.maxBytes = maxBytes;
            this.keep = keep;
            return this;
        }

        /** The write buffer in bytes; default 64 KiB. */
        public Builder bufferSize(int bufferSize) {
            if (bufferSize <= 0) {
                throw new IllegalArgumentException("buffer size must be positive, was " + bufferSize);
            }
            this.bufferSize = bufferSize;
            return this;
        }

        /**
         * Opens the file.
         *
         * @throws UncheckedIOException naming the file when it cannot be opened for appending
         */
        public JsonFileDestination build() {
            return new JsonFileDestination(this);
        }
    }
}
