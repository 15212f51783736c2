package io.eliot.testing;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.ValidationException;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.serialization.SerializationException;
import io.eliot.testing.internal.Capture;
import io.eliot.testing.internal.CaptureRouter;
import io.eliot.testing.internal.ExceptionTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one test logged, kept in memory: the test's {@code logger}, in the words of Python Eliot's
 * {@code capture_logging}. {@link EliotExtension} gives it to test methods and to
 * {@code @BeforeEach}/{@code @AfterEach} methods that declare a parameter of this type.
 *
 * <pre>{@code
 * @Test
 * void badPathLogsTheError(CapturedLog log) {
 *     assertThat(thing.load(Path.of("/nonexistent"))).isFalse();
 *     assertThat(log.flushTracebacks(NoSuchFileException.class)).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Messages keep arriving while the test runs, from every thread that logs for it.
 */
public final class CapturedLog {

    /** The {@code message_type} of the messages {@code Eliot.writeTraceback} logs. */
    static final String TRACEBACK = "eliot:traceback";

    private final Capture capture;
    private final JsonLineEncoder encoder;
    private final Set<MessageRecord> flushed = Collections.newSetFromMap(new IdentityHashMap<>()); // guarded by itself

    CapturedLog(Capture capture, JsonLineEncoder encoder) {
        this.capture = capture;
        this.encoder = encoder;
    }

    /** The messages logged for this test so far, in the order they arrived; a snapshot. */
    public List<MessageRecord> messages() {
        return capture.messages();
    }

    /**
     * Returns the {@code eliot:traceback} messages for exceptions of {@code exceptionType} (or a
     * subclass) not flushed yet, and marks them flushed so they no longer fail the test. They stay in
     * {@link #messages()}.
     *
     * <pre>{@code assertThat(log.flushTracebacks(IOException.class)).hasSize(1);}</pre>
     */
    public List<MessageRecord> flushTracebacks(Class<? extends Throwable> exceptionType) {
        List<MessageRecord> taken = new ArrayList<>();
        synchronized (flushed) {
            for (MessageRecord message : unflushedTracebacks()) {
                if (ExceptionTypes.isA(message.fields().get("exception"), exceptionType)) {
                    flushed.add(message);
                    taken.add(message);
                }
            }
        }
        return List.copyOf(taken);
    }

    /** The {@code eliot:traceback} messages not taken by {@link #flushTracebacks} yet. */
    List<MessageRecord> unflushedTracebacks() {
        synchronized (flushed) {
            return messages().stream()
                    .filter(m -> TRACEBACK.equals(m.messageType()) && !flushed.contains(m))
                    .toList();
        }
    }

    /**
     * Checks every message so far as the extension does after the test: each one logged through a
     * {@code MessageType} or {@code ActionType} must match it, and each must encode to JSON.
     *
     * @throws ValidationException for the first message that does not match its type
     * @throws SerializationException for the first message that cannot be encoded
     */
    public void validate() {
        for (MessageRecord message : messages()) {
            message.schema().ifPresent(schema -> schema.validate(message));
            encoder.encodeStrictly(message);
        }
    }

    /** The encoder the serialization check uses. */
    JsonLineEncoder encoder() {
        return encoder;
    }

    /** Stops capturing; see {@link CaptureRouter#stop}. */
    void stop() {
        CaptureRouter.global().stop(capture);
    }

    /** Every task logged so far, as indented text trees. */
    @Override
    public String toString() {
        List<MessageRecord> messages = messages();
        return messages.isEmpty() ? "(nothing logged)" : new TaskIndex(messages).render(uuid -> true, Map.of());
    }
}
