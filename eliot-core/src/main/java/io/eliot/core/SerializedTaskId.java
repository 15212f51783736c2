package io.eliot.core;

import io.eliot.core.record.TaskLevel;
import java.util.Locale;

/** Parses {@code "<task_uuid>@/<l1>/<l2>/..."}, strictly and with bounded error messages. */
record SerializedTaskId(String taskUuid, TaskLevel level) {

    /**
     * Longest serialized id accepted: a UUID, '@' and {@value #MAX_DEPTH} levels of up to ten
     * digits fit, so every id this library can accept the level of is accepted whole.
     */
    static final int MAX_LENGTH = 1_024;

    /** Deepest level accepted. */
    static final int MAX_DEPTH = 64;

    /** Characters of the excerpt quoted in error messages, escapes included. */
    private static final int EXCERPT_LENGTH = 64;

    static SerializedTaskId parse(String id) {
        if (id == null) {
            throw new InvalidTaskIdException("task id is null");
        }
        if (id.length() > MAX_LENGTH) {
            throw invalid(id, "is " + id.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        int at = id.indexOf('@');
        if (at < 0) {
            throw invalid(id, "has no '@' between the task uuid and the task level");
        }
        String uuid = id.substring(0, at);
        if (!isUuid(uuid)) {
            throw invalid(id, "does not start with a task uuid (8-4-4-4-12 hexadecimal digits)");
        }
        return new SerializedTaskId(uuid.toLowerCase(Locale.ROOT), parseLevel(id, at + 1));
    }

    private static TaskLevel parseLevel(String id, int start) {
        if (start >= id.length() || id.charAt(start) != '/') {
            throw invalid(id, "has no task level after '@' (expected a path like /2/3)");
        }
        int[] path = new int[Math.min(MAX_DEPTH, (id.length() - start + 1) / 2)];
        int depth = 0;
        int i = start;
        while (i < id.length()) {
            // id.charAt(i) == '/'
            int begin = ++i;
            long value = 0;
            while (i < id.length() && id.charAt(i) >= '0' && id.charAt(i) <= '9') {
                value = value * 10 + (id.charAt(i) - '0');
                if (value > Integer.MAX_VALUE) {
                    throw invalid(id, "has a task level element larger than " + Integer.MAX_VALUE);
                }
                i++;
            }
            if (i == begin) {
                throw invalid(id, "has an empty or non-numeric task level element at character " + (begin + 1));
            }
            if (i < id.length() && id.charAt(i) != '/') {
                throw invalid(
                        id, "has a character other than a digit or '/' in its task level at character " + (i + 1));
            }
            if (value == 0) {
                throw invalid(id, "has a task level element that is not positive (0)");
            }
            if (depth == MAX_DEPTH) {
                throw invalid(id, "has a task level deeper than " + MAX_DEPTH);
            }
            path[depth++] = (int) value;
        }
        int[] exact = new int[depth];
        System.arraycopy(path, 0, exact, 0, depth);
        return TaskLevel.of(exact);
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    private static InvalidTaskIdException invalid(String id, String problem) {
        return new InvalidTaskIdException("invalid serialized task id: it " + problem + ": " + excerpt(id));
    }

    /**
     * The start of {@code s}, quoted, at most {@value #EXCERPT_LENGTH} characters between the
     * quotes, escapes included. Letters of any script stay readable ({@code "café"}); quotes,
     * backslashes and everything that could change how a line or a terminal looks (control,
     * format and bidirectional, separator, surrogate, private-use and unassigned characters) are
     * escaped as six-character Unicode escapes (ESC becomes backslash, {@code u001b}).
     */
    static String excerpt(String s) {
        StringBuilder sb = new StringBuilder(EXCERPT_LENGTH + 48).append('"');
        int n = 0;
        while (n < s.length()) {
            char c = s.charAt(n);
            String piece = mustEscape(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            if (sb.length() - 1 + piece.length() > EXCERPT_LENGTH) {
                break;
            }
            sb.append(piece);
            n++;
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append(" (first ").append(n).append(" of ").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static boolean mustEscape(char c) {
        if (c < 0x7f) {
            return c < 0x20 || c == '"' || c == '\\';
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> true;
            default -> false;
        };
    }
}
