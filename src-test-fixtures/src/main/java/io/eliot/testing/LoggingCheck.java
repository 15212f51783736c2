package io.eliot.testing;

/**
 * The checks {@link EliotExtension} runs on what each test logged, after the test and its
 * {@code @AfterEach} methods. Switch one off with {@link SkipLoggingChecks}.
 */
public enum LoggingCheck {
    /**
     * No {@code eliot:traceback} message may be left unflushed: an unexpected exception is a bug.
     * Take expected ones with {@link CapturedLog#flushTracebacks(Class)}.
     */
    TRACEBACKS,
    /** Every message must encode to JSON ({@link io.eliot.core.serialization.JsonLineEncoder#encodeStrictly}). */
    SERIALIZATION,
    /**
     * Every message logged through a {@link io.eliot.core.MessageType} or {@link
     * io.eliot.core.ActionType} must match its declared fields.
     */
    VALIDATION
}
