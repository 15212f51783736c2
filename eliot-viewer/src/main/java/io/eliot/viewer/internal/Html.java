package io.eliot.viewer.internal;

/** Escaping for the two places the page holds outside text: markup and script data blocks. */
public final class Html {

    private Html() {}

    /** {@code text} safe as element content or a double-quoted attribute value (the page quotes every attribute so). */
    public static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON text safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &}
     * (which JSON only has inside strings) become {@code \u003c}, {@code \u003e} and {@code \u0026}, so no
     * value can end the element or open a comment; U+2028 and U+2029 are escaped too. The JSON parses to
     * the same value.
     */
    public static String scriptData(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String escape = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(json.length() + 32).append(json, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }
}
