package io.eliot.spring.web;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Makes each {@code WebClient} request an Eliot action ({@code http:client_request}: {@code
 * method}, {@code uri} without its query string by default, and {@code status} once the response
 * headers arrive) and sends a freshly serialized task id in {@code x-eliot-task-id}. The action is
 * started when the request is subscribed to, inside the action current on the subscribing thread.
 * The Boot {@code WebClient.Builder} gets it automatically; for a hand-built client:
 *
 * <pre>{@code
 * WebClient client = WebClient.builder().filter(new EliotExchangeFilterFunction()).build();
 * }</pre>
 *
 * <p>A 5xx response fails the action with {@link HttpServerErrorStatus}; an error fails it with
 * that error; a cancelled request fails it with {@code CancellationException}. Never throws because
 * of logging.
 */
public final class EliotExchangeFilterFunction implements ExchangeFilterFunction {

    private final String headerName;
    private final String actionType;
    private final boolean includeQuery;

    /** Header {@code x-eliot-task-id}, action type {@code http:client_request}, no query strings. */
    public EliotExchangeFilterFunction() {
        this("x-eliot-task-id", "http:client_request", false);
    }

    /** A filter with the given header name, action type and query-string policy. */
    public EliotExchangeFilterFunction(String headerName, String actionType, boolean includeQuery) {
        this.headerName = headerName;
        this.actionType = actionType;
        this.includeQuery = includeQuery;
    }

    /** A filter configured by {@code eliot.web}. */
    public static EliotExchangeFilterFunction of(EliotWebProperties properties) {
        return new EliotExchangeFilterFunction(
                properties.getHeaderName(),
                properties.getClient().getActionType(),
                properties.getClient().isIncludeQuery());
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            Action action;
            ClientRequest withTaskId;
            try {
                Map<String, Object> fields = new LinkedHashMap<>(4);
                fields.put("method", request.method().name());
                fields.put("uri", uri(request.url()));
                action = Eliot.startAction(actionType, fields);
                withTaskId = ClientRequest.from(request)
                        .headers(h -> h.set(headerName, action.serializeTaskId()))
                        .build();
            } catch (RuntimeException e) {
                return next.exchange(request);
            }
            return next.exchange(withTaskId)
                    .doOnNext(response -> {
                        int status = response.statusCode().value();
                        action.addSuccessField("status", status);
                        action.finish(status >= 500 && status < 600 ? new HttpServerErrorStatus(status) : null);
                    })
                    .doOnError(action::finish)
                    .doOnCancel(() -> action.finish(new CancellationException("request cancelled")))
                    .doOnSuccess(response -> {
                        if (response == null) {
                            action.finish();
                        }
                    });
        });
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
