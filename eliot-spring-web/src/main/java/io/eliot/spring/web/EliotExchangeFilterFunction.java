package io.eliot.spring.web;

import io.eliot.core.Action;
import io.eliot.core.ClientCall;
import io.eliot.core.ContextScope;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.core.TaskContinuation;
import java.util.concurrent.CancellationException;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Makes each {@code WebClient} request an Eliot action ({@code http:client_request}: {@code
 * method}, {@code uri} without its query string by default, and {@code status} once the response
 * headers arrive) and sends a freshly serialized task id in {@code x-eliot-task-id} (see {@link
 * ClientCall}). The action is started when the request is subscribed to, inside the subscriber's
 * action: the one in its Reactor {@code Context} under {@value HttpClientCalls#ACTION_CONTEXT_KEY}
 * (where a reactive request or a reactive {@code @LoggedAction} method puts its action, so a call
 * made after a thread hop still nests correctly), else the action current on the subscribing
 * thread. The Spring Boot starter adds it to Boot's {@code WebClient.Builder}; for a hand-built
 * client:
 *
 * <pre>{@code
 * WebClient client = WebClient.builder().filter(new EliotExchangeFilterFunction()).build();
 * }</pre>
 *
 * <p>A 5xx response fails the action with {@link HttpServerErrorStatus}; an error fails it with
 * that error; a cancelled request fails it with {@code CancellationException}; whichever comes
 * first wins. Immutable; never throws because of logging.
 */
public final class EliotExchangeFilterFunction implements ExchangeFilterFunction {

    private final HttpClientCalls calls;

    /** Header {@code x-eliot-task-id}, action type {@code http:client_request}, no query strings. */
    public EliotExchangeFilterFunction() {
        this(TaskContinuation.TASK_ID_HEADER, HttpClientCalls.DEFAULT_ACTION_TYPE, false);
    }

    /**
     * A filter sending the task id in {@code headerName}, logging requests as {@code actionType},
     * with their query strings when {@code includeQuery} (they may hold secrets).
     */
    public EliotExchangeFilterFunction(String headerName, String actionType, boolean includeQuery) {
        this.calls = new HttpClientCalls(headerName, actionType, includeQuery);
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(context -> {
            ClientCall call;
            ClientRequest withTaskId;
            try {
                call = start(request, context);
                withTaskId = ClientRequest.from(request)
                        .headers(h -> h.set(calls.headerName(), call.newTaskId()))
                        .build();
            } catch (RuntimeException e) {
                return next.exchange(request);
            }
            return next.exchange(withTaskId)
                    .doOnNext(response ->
                            call.finishWithHttpStatus(response.statusCode().value()))
                    .doOnError(call::finish)
                    .doOnCancel(() -> call.finish(new CancellationException("request cancelled")))
                    .doOnSuccess(response -> {
                        if (response == null) {
                            call.finish();
                        }
                    });
        });
    }

    /** Starts the call inside the Context's action, if it has one, else inside the thread's. */
    private ClientCall start(ClientRequest request, ContextView context) {
        Object inContext = context.getOrDefault(HttpClientCalls.ACTION_CONTEXT_KEY, null);
        if (inContext instanceof Action action && action != ContextScope.capture()) {
            try (ContextScope ignored = ContextScope.enter(action)) {
                return calls.start(request.method().name(), request.url());
            }
        }
        return calls.start(request.method().name(), request.url());
    }
}
