package io.eliot.viewer;

import io.eliot.core.record.ActionStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which of the {@link RecentTasks} to list: every criterion is optional (null) and they all apply.
 *
 * @param status the root action's status ({@code started}: not finished yet), or null
 * @param type a part of the root's action or message type, matched ignoring case, or null
 * @param minDurationSeconds the least duration of the root action, in seconds; a task that has not
 *     finished has no duration and does not match; or null
 * @param since tasks with a message at or after this instant (their latest message), or null
 * @param until tasks with a message at or before this instant (their earliest message), or null
 * @param limit at most this many tasks, newest first
 */
public record TaskQuery(
        ActionStatus status, String type, Double minDurationSeconds, Instant since, Instant until, int limit) {

    /** The number of tasks a query lists unless it says otherwise. */
    public static final int DEFAULT_LIMIT = 100;

    /** Every task, up to {@value #DEFAULT_LIMIT}. */
    public static final TaskQuery ALL = new TaskQuery(null, null, null, null, null, DEFAULT_LIMIT);

    /** Checks the limit and the duration. */
    public TaskQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (minDurationSeconds != null && (minDurationSeconds.isNaN() || minDurationSeconds < 0)) {
            throw new IllegalArgumentException(
                    "minDuration must be a number of seconds, at least 0: " + minDurationSeconds);
        }
        if (type != null && type.isEmpty()) {
            type = null;
        }
    }

    /**
     * The query of an HTTP request's parameters, each null or blank when absent: {@code status}
     * ({@code started}, {@code succeeded} or {@code failed}), {@code type}, {@code minDuration}
     * (seconds, decimal), {@code since} and {@code until} (ISO-8601 instants such as {@code
     * 2026-01-02T10:15:30Z}) and {@code limit} (a positive integer).
     *
     * @throws IllegalArgumentException naming the parameter and the value it cannot use
     */
    public static TaskQuery parse(
            String status, String type, String minDuration, String since, String until, String limit) {
        return new TaskQuery(
                status(status),
                blank(type) ? null : type,
                minDuration(minDuration),
                instant("since", since),
                instant("until", until),
                limit(limit));
    }

    /** Whether {@code actionType} (the root's type, possibly null) contains {@link #type}, ignoring case. */
    boolean typeMatches(String rootType) {
        return type == null
                || (rootType != null && rootType.toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT)));
    }

    private static ActionStatus status(String value) {
        if (blank(value)) {
            return null;
        }
        for (ActionStatus status : ActionStatus.values()) {
            if (status.wireName().equals(value.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "status must be one of started, succeeded, failed; got '" + shorten(value) + "'");
    }

    private static Double minDuration(String value) {
        if (blank(value)) {
            return null;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException(
                    "minDuration must be a number of seconds, at least 0 (e.g. 0.25); got '" + shorten(value) + "'");
        }
        return seconds;
    }

    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be an ISO-8601 instant such as 2026-01-02T10:15:30Z; got '" + shorten(value) + "'");
        }
    }

    private static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit must be a positive integer; got '" + shorten(value) + "'");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
