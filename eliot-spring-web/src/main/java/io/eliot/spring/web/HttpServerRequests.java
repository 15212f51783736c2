package io.eliot.spring.web;

import io.eliot.core.ContinuedTask;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.core.TaskContinuation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The settings and rules the servlet filter and the WebFlux decorator share: which requests are
 * logged, the {@code http:request} action's fields, and how a response finishes it.
 */
final class HttpServerRequests {

    private static final int MAX_PATH = 1_000;

    private volatile TaskContinuation continuation = TaskContinuation.of(EliotRequestFilter.DEFAULT_ACTION_TYPE);
    private volatile boolean responseHeader = true;
    private volatile String responseHeaderName = EliotRequestFilter.DEFAULT_RESPONSE_HEADER_NAME;
    private volatile List<PathPattern> excluded = List.of();

    void setHeaderName(String headerName) {
        this.continuation = continuation.withHeaderName(headerName);
    }

    String headerName() {
        return continuation.headerName();
    }

    void setActionType(String actionType) {
        this.continuation = TaskContinuation.of(actionType).withHeaderName(continuation.headerName());
    }

    String actionType() {
        return continuation.actionType();
    }

    void setResponseHeader(boolean responseHeader) {
        this.responseHeader = responseHeader;
    }

    boolean responseHeader() {
        return responseHeader;
    }

    void setResponseHeaderName(String responseHeaderName) {
        this.responseHeaderName = responseHeaderName;
    }

    String responseHeaderName() {
        return responseHeaderName;
    }

    /** @throws IllegalArgumentException naming the first one that is not a path pattern */
    void setExcludePaths(Collection<String> excludePaths) {
        List<PathPattern> patterns = new ArrayList<>();
        for (String p : excludePaths == null ? Collections.<String>emptyList() : excludePaths) {
            try {
                patterns.add(PathPatternParser.defaultInstance.parse(p));
            } catch (PatternParseException e) {
                throw new IllegalArgumentException("'" + p + "' is not a path pattern: " + e.getMessage(), e);
            }
        }
        this.excluded = List.copyOf(patterns);
    }

    List<String> excludePaths() {
        return excluded.stream().map(PathPattern::getPatternString).toList();
    }

    /** Whether the request at {@code pathWithinApplication} is not logged. */
    boolean isExcluded(String pathWithinApplication) {
        List<PathPattern> patterns = excluded;
        if (patterns.isEmpty()) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(pathWithinApplication);
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request's task, from every value of the task id header and of the W3C {@code
     * traceparent} header ({@code null}: none), or null when starting it failed (logging never
     * fails a request).
     */
    ContinuedTask start(
            String method, String pathWithinApplication, Iterable<String> taskIds, Iterable<String> traceparents) {
        try {
            Map<String, Object> fields = new LinkedHashMap<>(4);
            fields.put("method", method);
            fields.put("path", bounded(pathWithinApplication));
            return continuation.startFromHeaders(
                    taskIds == null ? List.of() : taskIds, traceparents == null ? List.of() : traceparents, fields);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Finishes with the response: succeeded with {@code status} (when known, > 0) and {@code
     * path_template} (when not null); a 5xx fails it with {@code serverError.apply(status)}.
     */
    static void finish(ContinuedTask task, int status, Object template, IntFunction<Throwable> serverError) {
        if (task.isFinished()) {
            return;
        }
        try {
            Map<String, Object> fields = new LinkedHashMap<>(4);
            if (status > 0) {
                fields.put("status", status);
            }
            if (template != null) {
                fields.put("path_template", bounded(template.toString()));
            }
            task.finish(HttpServerErrorStatus.isServerError(status) ? serverError.apply(status) : null, fields);
        } catch (RuntimeException e) {
            task.finish(e); // Reading the response failed; the request is not disturbed.
        }
    }

    static String bounded(String value) {
        return value.length() <= MAX_PATH ? value : value.substring(0, MAX_PATH) + "...";
    }
}
