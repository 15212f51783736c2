package io.eliot.spring.web;

import io.eliot.core.ClientCall;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the HTTP client integrations share: the client action's type, fields and header. */
record HttpClientCalls(String headerName, String actionType, boolean includeQuery) {

    /** The default action type of an outbound request. */
    static final String DEFAULT_ACTION_TYPE = "http:client_request";

    /** The Reactor {@code Context} key of the subscriber's Eliot action (the context-propagation key). */
    static final String ACTION_CONTEXT_KEY = io.eliot.core.reactor.EliotReactor.CONTEXT_KEY;

    /** Starts the call for a request: {@code method} and {@code uri} (without its query unless included). */
    ClientCall start(String method, URI uri) {
        Map<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("method", method);
        fields.put("uri", uri(uri));
        return ClientCall.start(actionType, fields);
    }

    private String uri(URI uri) {
        String s = uri.toString();
        if (includeQuery || uri.getRawQuery() == null) {
            return s;
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
