package io.eliot.core.destination;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes messages as JSON lines to standard output or standard error (whatever {@code System.out}
 * or {@code System.err} is at the time of writing), or to a given stream; flushes every message.
 *
 * <pre>{@code
 * Eliot.addDestination(ConsoleDestination.stdout());
 * }</pre>
 */
public final class ConsoleDestination implements Destination {

    private final String name;
    private final Supplier<PrintStream> stream;
    private final JsonLineEncoder encoder;

    private ConsoleDestination(String name, Supplier<PrintStream> stream, JsonLineEncoder encoder) {
        this.name = name;
        this.stream = stream;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Standard output. */
    public static ConsoleDestination stdout() {
        return stdout(new JsonLineEncoder());
    }

    /** Standard output, with {@code encoder}. */
    public static ConsoleDestination stdout(JsonLineEncoder encoder) {
        return new ConsoleDestination("stdout", () -> System.out, encoder);
    }

    /** Standard error. */
    public static ConsoleDestination stderr() {
        return stderr(new JsonLineEncoder());
    }

    /** Standard error, with {@code encoder}. */
    public static ConsoleDestination stderr(JsonLineEncoder encoder) {
        return new ConsoleDestination("stderr", () -> System.err, encoder);
    }

    /** A given stream, with {@code encoder}. */
    public static ConsoleDestination of(PrintStream stream, JsonLineEncoder encoder) {
        Objects.requireNonNull(stream, "stream");
        return new ConsoleDestination(stream.toString(), () -> stream, encoder);
    }

    @Override
    public void write(MessageRecord message) throws IOException {
        byte[] line = encoder.encode(message);
        PrintStream out = stream.get();
        out.write(line, 0, line.length);
        out.flush();
        if (out.checkError()) {
            throw new IOException("writing to " + name + " failed");
        }
    }

    @Override
    public void flush() {
        stream.get().flush();
    }

    /** Flushes; the stream itself is left open. */
    @Override
    public void close() {
        flush();
    }

    @Override
    public String toString() {
        return "ConsoleDestination[" + name + "]";
    }
}
