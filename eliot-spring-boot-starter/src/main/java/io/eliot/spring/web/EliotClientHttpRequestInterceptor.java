package io.eliot.spring.web;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Makes each outbound {@code RestClient} or {@code RestTemplate} request an Eliot action ({@code
 * http:client_request}: {@code method}, {@code uri} without its query string by default, and
 * {@code status}) and sends a freshly serialized task id in {@code x-eliot-task-id}, so the server
 * continues the caller's task. The Boot builders get it automatically; for a hand-built client add
 * it yourself:
 *
 * <pre>{@code
 * RestClient client = RestClient.builder().requestInterceptor(new EliotClientHttpRequestInterceptor()).build();
 * }</pre>
 *
 * <p>A 5xx response fails the action with {@link HttpServerErrorStatus}; an I/O error fails it
 * with that exception, which is rethrown unchanged. Never throws because of logging.
 */
public final class EliotClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    private final String headerName;
    private final String actionType;
    private final boolean includeQuery;

    /** Header {@code x-eliot-task-id}, action type {@code http:client_request}, no query strings. */
    public EliotClientHttpRequestInterceptor() {
        this("x-eliot-task-id", "http:client_request", false);
    }

    /** An interceptor with the given header name, action type and query-string policy. */
    public EliotClientHttpRequestInterceptor(String headerName, String actionType, boolean includeQuery) {
        this.headerName = headerName;
        this.actionType = actionType;
        this.includeQuery = includeQuery;
    }

    /** An interceptor configured by {@code eliot.web}. */
    public static EliotClientHttpRequestInterceptor of(EliotWebProperties properties) {
        return new EliotClientHttpRequestInterceptor(
                properties.getHeaderName(),
                properties.getClient().getActionType(),
                properties.getClient().isIncludeQuery());
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        Action action;
        try {
            Map<String, Object> fields = new LinkedHashMap<>(4);
            fields.put("method", request.getMethod().name());
            fields.put("uri", uri(request.getURI()));
            action = Eliot.startAction(actionType, fields);
            request.getHeaders().set(headerName, action.serializeTaskId());
        } catch (RuntimeException e) {
            return execution.execute(request, body);
        }
        ClientHttpResponse response;
        try {
            response = execution.execute(request, body);
        } catch (IOException | RuntimeException | Error e) {
            action.finish(e);
            throw e;
        }
        try {
            int status = response.getStatusCode().value();
            action.addSuccessField("status", status);
            action.finish(status >= 500 && status < 600 ? new HttpServerErrorStatus(status) : null);
        } catch (IOException | RuntimeException e) {
            action.finish(e);
        }
        return response;
    }

    private String uri(URI uri) {
        if (includeQuery || uri.getRawQuery() == null) {
            return uri.toString();
        }
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
