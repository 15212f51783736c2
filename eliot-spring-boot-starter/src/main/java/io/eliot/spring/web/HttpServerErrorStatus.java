package io.eliot.spring.web;

import io.eliot.core.Eliot;
import java.util.Map;

/**
 * How a request that ended with a 5xx status, without an exception escaping the handler, is logged:
 * its action is {@code failed} with {@code exception} {@code io.eliot.spring.web.HttpServerErrorStatus},
 * {@code reason} {@code "HTTP status 503"} and {@code status} 503. Never thrown; only logged.
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

    /** The response status, 500 to 599. */
    public int status() {
        return status;
    }
}
