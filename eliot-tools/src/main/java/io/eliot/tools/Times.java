package io.eliot.tools;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Timestamps as the tools print them, in UTC or in a given time zone, with microseconds. */
final class Times {

    private final ZoneId zone;

    /** @param zone the zone to print in; {@code null} for UTC, printed with a {@code Z} */
    Times(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * {@code 2017-10-27 20:42:47.206684Z}, or with {@code T} as {@code separator} for
     * prettyprint; microseconds always shown unless {@code trimZeroMicros} and they are zero.
     */
    String format(long micros, char separator, boolean trimZeroMicros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t;
        String suffix;
        if (zone == null) {
            t = LocalDateTime.ofEpochSecond(seconds, fraction * 1000, ZoneOffset.UTC);
            suffix = "Z";
        } else {
            ZonedDateTime z = Instant.ofEpochSecond(seconds, fraction * 1000L).atZone(zone);
            t = z.toLocalDateTime();
            suffix =
                    z.getOffset().getId().equals("Z") ? "+00:00" : z.getOffset().getId();
        }
        StringBuilder sb = new StringBuilder(32);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append(separator);
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        if (fraction != 0 || !trimZeroMicros) {
            pad(sb.append('.'), fraction, 6);
        }
        return sb.append(suffix).toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** A duration in seconds with milliseconds: {@code 0.251s}. */
    static String duration(long micros) {
        long millis = Math.round(micros / 1000.0);
        String sign = millis < 0 ? "-" : "";
        millis = Math.abs(millis);
        long frac = millis % 1000;
        return sign + (millis / 1000) + "." + (frac < 100 ? (frac < 10 ? "00" : "0") : "") + frac + "s";
    }
}
