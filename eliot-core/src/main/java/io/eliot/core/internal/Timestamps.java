package io.eliot.core.internal;

import java.time.Clock;
import java.time.Instant;

/** The wall clock in microseconds since the Unix epoch, the precision of {@code timestamp}. */
public final class Timestamps {

    private static final Clock CLOCK = Clock.systemUTC();

    private Timestamps() {}

    /** Now, in microseconds since the Unix epoch. */
    public static long nowMicros() {
        Instant now = CLOCK.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
