package io.eliot.core;

import java.util.Map;

/**
 * How an HTTP exchange that ended with a 5xx status, without an exception, is logged: its action is
 * {@code failed} with {@code exception} {@code io.eliot.core.HttpServerErrorStatus}, {@code reason}
 * {@code "HTTP status 503"} and {@code status} 503. The one rule for every HTTP server and client
 * integration: a status of 500 to 599 fails the action, any other status is a success with field
 * {@code status}. Never thrown; only logged.
 */
public final class HttpServerErrorStatus extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static {
        Eliot.registerExceptionExtractor(HttpServerErrorStatus.class, e -> Map.of("status", e.status()));
    }

    private final int status;

    /** The record of a response with {@code status}. */
    public HttpServerErrorStatus(int status) {
        super("HTTP status " + status, null, false, false);
        this.status = status;
    }

    /** Whether {@code status} is a server error (500 to 599), which fails the exchange's action. */
    public static boolean isServerError(int status) {
        return status >= 500 && status < 600;
    }

    /** The failure a response with {@code status} ends its action with: null unless it is a 5xx. */
    public static HttpServerErrorStatus failureFor(int status) {
        return isServerError(status) ? new HttpServerErrorStatus(status) : null;
    }

    /** The response status, 500 to 599. */
    public int status() {
        return status;
    }
}
