package io.eliot.core;

/**
 * A W3C Trace Context {@code traceparent} header: {@code <version>-<trace-id>-<parent-id>-<flags>},
 * all lowercase hexadecimal. Version {@code 00} is exactly that; a later version may add fields
 * after a further {@code -}; version {@code ff} and all-zero ids are invalid.
 */
record TraceParent(String traceId, String parentId) {

    /** Length of a version 00 traceparent, the prefix every version shares. */
    static final int LENGTH = 55;

    /**
     * Parses {@code value} (trimmed of spaces and tabs, as HTTP allows).
     *
     * @throws IllegalArgumentException naming the problem and quoting only a short escaped excerpt
     */
    static TraceParent parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("traceparent is null");
        }
        String v = trimOws(value);
        if (v.length() < LENGTH) {
            throw invalid(value, "is " + v.length() + " characters long; " + LENGTH + " are expected");
        }
        if (!isHex(v, 0, 2)) {
            throw invalid(value, "does not start with a version of two lowercase hexadecimal digits");
        }
        boolean version00 = v.startsWith("00");
        if (v.startsWith("ff")) {
            throw invalid(value, "has the invalid version ff");
        }
        if (version00 ? v.length() != LENGTH : v.length() > LENGTH && v.charAt(LENGTH) != '-') {
            throw invalid(
                    value,
                    version00
                            ? "is " + v.length() + " characters long; version 00 has " + LENGTH
                            : "has a character other than '-' after its flags");
        }
        if (v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
            throw invalid(value, "does not separate its four parts with '-' (00-<32 hex>-<16 hex>-<2 hex>)");
        }
        if (!isHex(v, 3, 35) || allZero(v, 3, 35)) {
            throw invalid(value, "has no trace id of 32 lowercase hexadecimal digits, not all zero");
        }
        if (!isHex(v, 36, 52) || allZero(v, 36, 52)) {
            throw invalid(value, "has no parent id of 16 lowercase hexadecimal digits, not all zero");
        }
        if (!isHex(v, 53, 55)) {
            throw invalid(value, "has no trace flags of two lowercase hexadecimal digits");
        }
        return new TraceParent(v.substring(3, 35), v.substring(36, 52));
    }

    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String value, String problem) {
        return new IllegalArgumentException(
                "invalid traceparent: it " + problem + ": " + SerializedTaskId.excerpt(value));
    }
}
