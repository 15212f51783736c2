package io.eliot.core.destination;

import io.eliot.core.MessageRecord;
import io.eliot.core.internal.FlushScheduler;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>Opening fails at once, with a message naming the file, when it cannot be written. Encoding
 * happens on the calling thread; wrap it in an {@link AsyncDestination} to keep I/O and JSON off
 * the application's threads. Thread-safe.
 */
public final class JsonFileDestination implements Destination {

    private final Path path;
    private final JsonLineEncoder encoder;
    private final FlushPolicy flushPolicy;
    private final long maxBytes;
    private final int keep;
    private final int bufferSize;
    private final ScheduledFuture<?> flusher;
    private final JsonLineEncoder.LineSink appender = this::append;

    private OutputStream out; // guarded by this
    private long size; // guarded by this
    private boolean closed; // guarded by this

    private JsonFileDestination(Builder b) {
        this.path = b.path.toAbsolutePath();
        this.encoder = b.encoder;
        this.flushPolicy = b.flushPolicy;
        this.maxBytes = b.maxBytes;
        this.keep = b.keep;
        this.bufferSize = b.bufferSize;
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
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

    private void open() throws IOException {
        OutputStream file = Files.newOutputStream(
                path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(file, bufferSize);
        size = Files.size(path);
    }

    @Override
    public void write(MessageRecord message) throws IOException {
        encoder.encode(message, appender); // from the encoder's buffer: no copy per line
    }

    private void append(byte[] line, int length) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("Eliot log file " + path + " is closed");
            }
            if (maxBytes > 0 && size > 0 && size + length > maxBytes) {
                roll();
            }
            out.write(line, 0, length);
            size += length;
            if (flushPolicy.isEveryMessage()) {
                out.flush();
            }
        }
    }

    /** Moves the current file to {@code .1} (shifting older ones), then starts a new one. */
    private void roll() throws IOException {
        out.close();
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
        }
        open(); // on a failed rename this appends to the current file again
        if (failure != null) {
            throw new IOException(
                    "rolling over Eliot log file " + path + " failed; still writing to it: " + failure, failure);
        }
    }

    /** The file name of the {@code n}-th rolled file: {@code app.log.n}. */
    Path rolled(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
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
            out.close();
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
