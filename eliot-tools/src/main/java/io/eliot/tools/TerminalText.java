package io.eliot.tools;

/**
 * Text from a log made safe to print on a terminal: the one escaping every printed piece of logged
 * text goes through (values, keys, types, task uuids, file names and problems on standard error).
 *
 * <p>Control characters (C0, DEL, C1), the bidirectional marks, embeddings, overrides and isolates
 * (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the Unicode line and paragraph
 * separators (U+2028, U+2029) are written as JSON-style escapes: {@code \n}, {@code \r}, {@code \t},
 * otherwise {@code \u001b}. So a log can neither send escape sequences to the reader's terminal,
 * nor reorder what it shows, nor start a line of its own; everything else is printed as it is.
 */
final class TerminalText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {}

    /** {@code text} with every unsafe character escaped. */
    static String escape(String text) {
        int first = firstUnsafe(text, 0, text.length());
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        return append(out, text, 0, text.length()).toString();
    }

    /** Appends {@code text[from, to)} to {@code out}, escaping every unsafe character. */
    static StringBuilder append(StringBuilder out, CharSequence text, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                out.append(text, start, i);
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default ->
                        out.append("\\u")
                                .append(HEX[(c >> 12) & 0xf])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                }
                start = i + 1;
            }
        }
        return out.append(text, start, to);
    }

    /** Appends all of {@code text}, escaped. */
    static StringBuilder append(StringBuilder out, CharSequence text) {
        return append(out, text, 0, text.length());
    }

    /** Whether printing {@code c} raw could act on a terminal or change how the text around it shows. */
    static boolean isUnsafe(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0x61c) {
            return false;
        }
        return c == 0x61c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    private static int firstUnsafe(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
