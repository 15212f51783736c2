package io.eliot.viewer;

import io.eliot.viewer.internal.Page;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer page in live mode: the same list, trees and timelines as {@link HtmlReport}, read from a
 * running application's recent-tasks endpoint and refreshed every few seconds (pausable), with a box
 * where the {@code x-eliot-task-uuid} a response carried opens that task.
 *
 * <p>The page fetches, with {@code Accept: application/json}, {@code GET endpoint?status=&type=
 * &minDuration=&since=&until=&limit=} for the list ({@code {"tasks": [summary + "updated"], "stored",
 * "bytes", "max_tasks", "max_bytes"}}) and {@code GET endpoint/<task_uuid>} for one task ({@link
 * TaskTrees#toMap}, 404 when not stored). In live mode the search box matches task uuids and types only
 * (the list holds no fields). DOM hooks: see {@link HtmlReport}.
 */
public final class LivePage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LivePage() {}

    /**
     * The page, fetching from {@code endpointPath} (a URL relative to the page or absolute on its origin,
     * e.g. {@code "/actuator/eliot"}). Serve it with {@link #contentSecurityPolicy()}.
     */
    public static String html(String endpointPath) {
        Objects.requireNonNull(endpointPath, "endpointPath");
        String config = JSON.writeValueAsString(java.util.Map.of("mode", "live", "endpoint", endpointPath));
        StringWriter out = new StringWriter(Page.SCRIPT.length() + Page.STYLE.length() + 4096);
        try {
            Page.writeHead(out, "Eliot: recent tasks", true, config);
            Page.writeTail(out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /**
     * The {@code Content-Security-Policy} header value to send with {@link #html}: the page's own inline
     * script and style only, and requests to its own origin.
     */
    public static String contentSecurityPolicy() {
        return Page.contentSecurityPolicy(true);
    }
}
