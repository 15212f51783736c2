package io.eliot.viewer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The viewer page's fixed parts: its inline style and script (resources next to this class), their
 * Content-Security-Policy hashes, and the markup before and after the data.
 */
public final class Page {

    /** The inline stylesheet, exactly as written between {@code <style>} and {@code </style>}. */
    public static final String STYLE = resource("viewer.css");

    /** The inline script, exactly as written between {@code <script>} and {@code </script>}. */
    public static final String SCRIPT = resource("viewer.js");

    private static final String POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '"
            + sha256(STYLE) + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private Page() {}

    /**
     * The page's Content-Security-Policy: nothing but its own inline script and style; {@code live} also
     * lets it fetch from its own origin.
     */
    public static String contentSecurityPolicy(boolean live) {
        return live ? POLICY + "; connect-src 'self'" : POLICY;
    }

    /** Writes everything before the data: head, style, the page's controls and its configuration. */
    public static void writeHead(Writer out, String title, boolean live, String configJson) throws IOException {
        String safeTitle = Html.text(title);
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"");
        out.write(Html.text(contentSecurityPolicy(live)));
        out.write("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        out.write(safeTitle);
        out.write("</title>\n<style>");
        out.write(STYLE);
        out.write("</style>\n</head>\n<body>\n<header><h1 id=\"title\">");
        out.write(safeTitle);
        out.write("</h1><span id=\"load-status\">loading…</span></header>\n");
        out.write(CONTROLS);
        out.write("<script type=\"application/json\" id=\"eliot-config\">");
        out.write(Html.scriptData(configJson));
        out.write("</script>\n");
    }

    /** Writes everything after the data: the script, then the end of the document. */
    public static void writeTail(Writer out) throws IOException {
        out.write("<script>");
        out.write(SCRIPT);
        out.write("</script>\n</body>\n</html>\n");
    }

    private static final String CONTROLS = """
            <div id="toolbar">
            <input id="search" type="search" placeholder="task uuid, type or field value" autocomplete="off">
            <input id="type-filter" type="search" placeholder="action or message type" autocomplete="off">
            <select id="status-filter">
            <option value="">any status</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
            <option value="started">started (not finished)</option>
            <option value="incomplete">incomplete (lines missing)</option>
            </select>
            <input id="min-duration" type="search" placeholder="min duration (s)" autocomplete="off">
            <input id="time-from" type="search" placeholder="from: 2026-11-25T20:56Z" autocomplete="off">
            <input id="time-to" type="search" placeholder="until (ISO 8601)" autocomplete="off">
            <button id="clear-filters" type="button">clear</button>
            <span id="result-count" data-count="0"></span>
            </div>
            <div id="live-bar" hidden>
            <label><input id="live-pause" type="checkbox"> pause</label>
            <input id="open-uuid" type="search" placeholder="paste an x-eliot-task-uuid" autocomplete="off">
            <button id="open-button" type="button">open</button>
            <span id="live-status"></span>
            </div>
            <div id="opened"></div>
            <div id="tasks"></div>
            <button id="more" type="button" hidden>show more</button>
            """;

    private static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            // One form of line ending, so the hash matches the text written whatever the checkout did.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256-<base64>} of the UTF-8 bytes of {@code text}, as CSP hash sources are written. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
