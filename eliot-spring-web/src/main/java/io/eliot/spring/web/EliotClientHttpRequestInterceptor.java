package io.eliot.spring.web;

import io.eliot.core.ClientCall;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.core.TaskContinuation;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Makes each outbound {@code RestClient} or {@code RestTemplate} request an Eliot action ({@code
 * http:client_request}: {@code method}, {@code uri} without its query string by default, and
 * {@code status}) and sends a freshly serialized task id in {@code x-eliot-task-id}, so the server
 * continues the caller's task (see {@link ClientCall}). The Spring Boot starter adds it to Boot's
 * builders; for a hand-built client add it yourself:
 *
 * <pre>{@code
 * RestClient client = RestClient.builder().requestInterceptor(new EliotClientHttpRequestInterceptor()).build();
 * restTemplate.getInterceptors().add(new EliotClientHttpRequestInterceptor());
 * }</pre>
 *
 * <p>A 5xx response fails the action with {@link HttpServerErrorStatus}; an I/O error fails it
 * with that exception, which is rethrown unchanged. Immutable; never throws because of logging.
 */
public final class EliotClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    private final HttpClientCalls calls;

    /** Header {@code x-eliot-task-id}, action type {@code http:client_request}, no query strings. */
    public EliotClientHttpRequestInterceptor() {
        this(TaskContinuation.TASK_ID_HEADER, HttpClientCalls.DEFAULT_ACTION_TYPE, false);
    }

    /**
     * An interceptor sending the task id in {@code headerName}, logging requests as {@code
     * actionType}, with their query strings when {@code includeQuery} (they may hold secrets).
     */
    public EliotClientHttpRequestInterceptor(String headerName, String actionType, boolean includeQuery) {
        this.calls = new HttpClientCalls(headerName, actionType, includeQuery);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        ClientCall call;
        try {
            call = calls.start(request.getMethod().name(), request.getURI());
            request.getHeaders().set(calls.headerName(), call.newTaskId());
        } catch (RuntimeException e) {
            return execution.execute(request, body);
        }
        ClientHttpResponse response;
        try {
            response = execution.execute(request, body);
        } catch (IOException | RuntimeException | Error e) {
            call.finish(e);
            throw e;
        }
        try {
            call.finishWithHttpStatus(response.getStatusCode().value());
        } catch (IOException | RuntimeException e) {
            call.finish(e);
        }
        return response;
    }
}
