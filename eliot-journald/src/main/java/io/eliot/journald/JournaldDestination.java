package io.eliot.journald;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.journald.internal.JournalEntry;
import io.eliot.journald.internal.JournalSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Sends each message to the local systemd journal over journald's native protocol, one journal entry
 * per message, so it can be queried by field ({@code journalctl ELIOT_TASK=<uuid>}):
 *
 * <table>
 *   <caption>Journal fields</caption>
 *   <tr><td>{@code MESSAGE}</td><td>the message's JSON line (without the newline)</td></tr>
 *   <tr><td>{@code ELIOT_TASK}</td><td>{@code task_uuid}</td></tr>
 *   <tr><td>{@code ELIOT_TASK_LEVEL}</td><td>{@code task_level} as a path, e.g. {@code /3/2}</td></tr>
 *   <tr><td>{@code ELIOT_TYPE}</td><td>{@code message_type} or {@code action_type}</td></tr>
 *   <tr><td>{@code PRIORITY}</td><td>3 (err) for failed actions, 2 (crit) for {@code
 *       eliot:traceback}, 6 (info) otherwise</td></tr>
 *   <tr><td>{@code SYSLOG_IDENTIFIER}</td><td>configurable; default the main class's simple name
 *       (or the jar's name)</td></tr>
 * </table>
 *
 * <pre>{@code
 * Eliot.addDestination(AsyncDestination.wrap(JournaldDestination.builder().syslogIdentifier("orders").build()));
 * }</pre>
 *
 * <p>Values holding a newline use the protocol's length-prefixed binary form. An entry too big for
 * one datagram goes, as with {@code sd_journal_send}, through a sealed memfd passed over the socket;
 * a JSON line longer than {@value #MAX_MESSAGE_BYTES} bytes (journald's limit for unprivileged
 * senders is 32 MiB per entry) is cut, and its {@code MESSAGE} ends with {@code [eliot: cut, N bytes
 * in all]}. A message with a value that cannot be serialized is one entry, as in the JSON-lines
 * output: the value replaced by a marker, the failure in an {@code eliot:serialization_failure} field.
 *
 * <p>Needs Linux and {@code net.java.dev.jna:jna} 5.x on the class path (an optional dependency of
 * eliot-journald); without them, or without a socket at the path, {@link Builder#build()} throws an
 * {@link IllegalStateException} saying why. Sending blocks while journald's queue is full, as the
 * C library does, but at most {@link Builder#sendTimeout} (10 s) before the write fails; wrap it in an
 * {@link AsyncDestination} to keep that off the application's threads.
 * A send that fails (journald stopped) throws, which Eliot reports as {@code
 * eliot:destination_failure}; journald restarted at the same path is reached again. Thread-safe.
 */
public final class JournaldDestination implements Destination {

    /** The socket journald listens on for native-protocol datagrams. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/systemd/journal/socket");

    /** How long a write waits, at most, for a journald whose queue is full. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);

    /** The longest JSON line sent whole as {@code MESSAGE}; longer ones are cut with a marker. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024 - 64 * 1024;

    private final Path socketPath;
    private final String syslogIdentifier;
    private final JsonLineEncoder encoder;
    private final JournalSocket socket;

    private JournaldDestination(Builder b, JournalSocket socket) {
        this.socketPath = b.socketPath;
        this.syslogIdentifier = b.syslogIdentifier;
        this.encoder = b.encoder;
        this.socket = socket;
    }

    /** A builder; defaults: {@link #DEFAULT_SOCKET}, {@link #defaultSyslogIdentifier()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Why no journald destination can be built in this JVM (not Linux, or JNA missing), or {@code
     * null} if one can, given a socket. Never throws.
     */
    public static String unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "journald exists only on Linux; this is " + os;
        }
        try {
            Class.forName("com.sun.jna.Native", false, JournaldDestination.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "it needs JNA on the class path (add net.java.dev.jna:jna 5.x)";
        }
        return JournalSocket.libraryProblem(); // loaded only now that JNA is known to be there
    }

    /**
     * The default {@code SYSLOG_IDENTIFIER}: the simple name of the main class, or the name of the
     * jar run with {@code java -jar} without {@code .jar}; {@code java} if neither is known.
     */
    public static String defaultSyslogIdentifier() {
        String command = System.getProperty("sun.java.command", "").strip();
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        if (main.endsWith(".jar")) {
            String file = Path.of(main).getFileName().toString();
            return file.substring(0, file.length() - ".jar".length());
        }
        String simple = main.substring(main.lastIndexOf('.') + 1);
        return simple.isEmpty() ? "java" : simple;
    }

    @Override
    public void write(MessageRecord message) throws IOException {
        byte[] encoded = encoder.encode(message); // always one line, even when a value could not be written
        socket.send(entry(
                encoded,
                0,
                encoded.length - 1,
                message.taskUuid(),
                message.taskLevel().toPath(),
                message.type(),
                priority(message.messageType(), message.actionStatus() == ActionStatus.FAILED)));
    }

    private byte[] entry(byte[] json, int offset, int length, String task, String level, String type, int priority) {
        JournalEntry entry = new JournalEntry(Math.min(length, MAX_MESSAGE_BYTES) + 256);
        if (length <= MAX_MESSAGE_BYTES) {
            entry.add("MESSAGE", json, offset, length);
        } else {
            int cut = MAX_MESSAGE_BYTES;
            while ((json[offset + cut] & 0xC0) == 0x80) {
                cut--; // never split a UTF-8 sequence
            }
            byte[] marker = (" [eliot: cut, " + length + " bytes in all]").getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[cut + marker.length];
            System.arraycopy(json, offset, value, 0, cut);
            System.arraycopy(marker, 0, value, cut, marker.length);
            entry.add("MESSAGE", value);
        }
        return entry.add("ELIOT_TASK", task)
                .add("ELIOT_TASK_LEVEL", level)
                .add("ELIOT_TYPE", type)
                .add("PRIORITY", Integer.toString(priority))
                .add("SYSLOG_IDENTIFIER", syslogIdentifier)
                .toBytes();
    }

    private static int priority(String messageType, boolean failedAction) {
        if (failedAction) {
            return 3;
        }
        return "eliot:traceback".equals(messageType) ? 2 : 6;
    }

    /** The socket this destination sends to. */
    public Path socketPath() {
        return socketPath;
    }

    /** The {@code SYSLOG_IDENTIFIER} of its entries. */
    public String syslogIdentifier() {
        return syslogIdentifier;
    }

    /** Closes the socket; later writes fail. */
    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "JournaldDestination[" + socketPath + " as " + syslogIdentifier + "]";
    }

    /** Configures a {@link JournaldDestination}. */
    public static final class Builder {
        private Path socketPath = DEFAULT_SOCKET;
        private String syslogIdentifier = defaultSyslogIdentifier();
        private JsonLineEncoder encoder = new JsonLineEncoder();
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

        private Builder() {}

        /**
         * How long a write waits for journald to take an entry when its queue is full before failing
         * (reported as {@code eliot:destination_failure}); default {@link #DEFAULT_SEND_TIMEOUT}.
         */
        public Builder sendTimeout(Duration sendTimeout) {
            Objects.requireNonNull(sendTimeout, "sendTimeout");
            if (sendTimeout.isNegative() || sendTimeout.isZero()) {
                throw new IllegalArgumentException("sendTimeout must be positive, was " + sendTimeout);
            }
            this.sendTimeout = sendTimeout;
            return this;
        }

        /** journald's native socket; default {@link #DEFAULT_SOCKET}. */
        public Builder socketPath(Path socketPath) {
            this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
            return this;
        }

        /** The {@code SYSLOG_IDENTIFIER} of every entry ({@code journalctl -t <identifier>}). */
        public Builder syslogIdentifier(String syslogIdentifier) {
            Objects.requireNonNull(syslogIdentifier, "syslogIdentifier");
            if (syslogIdentifier.isBlank()) {
                throw new IllegalArgumentException("syslogIdentifier must not be blank");
            }
            this.syslogIdentifier = syslogIdentifier;
            return this;
        }

        /** The encoder of the {@code MESSAGE} field; default {@code new JsonLineEncoder()}. */
        public Builder encoder(JsonLineEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * Builds the destination.
         *
         * @throws IllegalStateException saying why, if this JVM cannot send to journald (not Linux,
         *     no JNA) or there is no usable socket at the socket path
         */
        public JournaldDestination build() {
            String unavailable = unavailableReason();
            if (unavailable != null) {
                throw new IllegalStateException("The journald destination is unavailable: " + unavailable);
            }
            if (!isSocket(socketPath)) {
                throw new IllegalStateException("The journald destination is unavailable: no socket at "
                        + socketPath
                        + (Files.exists(socketPath) ? " (the file is not a socket)" : "")
                        + "; is systemd-journald running?");
            }
            try {
                return new JournaldDestination(this, JournalSocket.open(socketPath, sendTimeout));
            } catch (IOException e) {
                throw new IllegalStateException("The journald destination is unavailable: " + e.getMessage(), e);
            }
        }

        private static boolean isSocket(Path path) {
            try {
                int mode = (Integer) Files.getAttribute(path, "unix:mode");
                return (mode & 0170000) == 0140000;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
