package io.eliot.core.destination;

import java.time.Duration;
import java.util.Objects;

/**
 * When a buffering destination pushes its bytes to the operating system: after every message (the
 * default; nothing is lost if the process dies) or every interval (faster; up to one interval of
 * messages may be lost on a crash, none on a normal shutdown).
 */
public final class FlushPolicy {

    private static final FlushPolicy EVERY_MESSAGE = new FlushPolicy(null);

    private final Duration interval;

    private FlushPolicy(Duration interval) {
        this.interval = interval;
    }

    /** Flush after every message. */
    public static FlushPolicy everyMessage() {
        return EVERY_MESSAGE;
    }

    /**
     * Flush every {@code interval}, and when the destination is closed.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public static FlushPolicy every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("flush interval must be positive, was " + interval);
        }
        return new FlushPolicy(interval);
    }

    /** Whether every message is flushed. */
    public boolean isEveryMessage() {
        return interval == null;
    }

    /** The interval; {@code null} for {@link #everyMessage()}. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return interval == null ? "every message" : "every " + interval;
    }
}
