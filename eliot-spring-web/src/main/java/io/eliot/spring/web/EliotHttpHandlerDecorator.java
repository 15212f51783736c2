package io.eliot.spring.web;

import io.eliot.core.ContextScope;
import io.eliot.core.ContinuedTask;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.core.TaskContinuation;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * The WebFlux counterpart of {@link EliotRequestFilter}: makes each reactive request an Eliot action
 * ({@code http:request} by default) with fields {@code method} and {@code path}, and on success
 * {@code status} and {@code path_template}, continuing the caller's task from a valid {@code
 * x-eliot-task-id} header, or a new task (with {@code eliot:invalid_task_id} for a refused id),
 * recording a W3C {@code traceparent}'s {@code trace_id} and {@code parent_span_id}; the same settings, exclusions and response header as the filter (see {@link TaskContinuation}).
 *
 * <p>It decorates the whole {@link HttpHandler}, so it sees the exchange from the first byte to the
 * last, including {@code WebExceptionHandler}s and errors raised before or after the handler. The
 * action is started when the server subscribes to the request's handling and is finished exactly
 * once: when the response completes (a 4xx succeeds with its {@code status}; a 5xx fails with the
 * exception a {@code WebExceptionHandler} turned into it, or the one that escaped the filters, or
 * {@link HttpServerErrorStatus}); when an error ends the handling after the response was committed
 * (failed with it); or when the handling is cancelled, as when the client closes the connection
 * before the response is complete (failed with a {@link CancellationException}, reason {@value
 * #CANCELLED}). The same on every server, however it reports a client that left, since the server
 * cancels the response body it was writing: Reactor Netty then completes the handling; WebFlux on a
 * servlet container (Spring's {@code ServletHttpHandlerAdapter}, as on Tomcat) cancels it, or ends
 * it with the failed write's {@code IOException}, which becomes the cause.
 *
 * <p>While the handling is subscribed, the action is current on the subscribing thread (so a
 * controller that logs before its first thread hop nests under it), and it is in the Reactor
 * {@code Context} under {@value #CONTEXT_KEY}: with {@code Hooks.enableAutomaticContextPropagation()}
 * and Eliot's context-propagation accessor it is current in every operator, on any thread; without,
 * read the Context with {@code Mono.deferContextual} and make its action current with {@code
 * EliotReactor.enter(context)}.
 *
 * <p>It is also a {@link WebFilter} (first in the chain, at {@link #ORDER}) that only tells the
 * decorator about the exchange: its {@code path_template} and the exception behind a 5xx. {@code
 * WebHttpHandlerBuilder.applicationContext(context)}, which Spring Boot uses, finds both roles in
 * one bean; built by hand:
 *
 * <pre>{@code
 * EliotHttpHandlerDecorator eliot = new EliotHttpHandlerDecorator();
 * eliot.setExcludePaths(List.of("/static/**"));
 * HttpHandler handler = WebHttpHandlerBuilder.webHandler(dispatcherHandler)
 *         .filter(eliot)
 *         .httpHandlerDecorator(eliot)
 *         .build();
 * }</pre>
 *
 * <p>Without the filter role the requests are logged all the same, without {@code path_template}
 * and with {@link HttpServerErrorStatus} for every 5xx. Configured through setters; never throws
 * because of logging.
 */
public class EliotHttpHandlerDecorator implements HttpHandlerDecoratorFactory, WebFilter, Ordered {

    /** The Reactor {@code Context} key of the request's action while its handling runs. */
    public static final String CONTEXT_KEY = io.eliot.core.reactor.EliotReactor.CONTEXT_KEY;

    /** The order of the filter role (and of the decorator among decorators): before other filters. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** The reason of the {@code CancellationException} a cancelled request fails with. */
    public static final String CANCELLED = "request cancelled before the response completed";

    /** The Context key of the request's {@link Exchange}, from the decorator to the filter role. */
    private static final Class<Exchange> EXCHANGE_KEY = Exchange.class;

    private final HttpServerRequests requests = new HttpServerRequests();

    /** A decorator with the defaults: see the setters. */
    public EliotHttpHandlerDecorator() {}

    /** The request header carrying a serialized task id; default {@code x-eliot-task-id}, matched case-insensitively. */
    public void setHeaderName(String headerName) {
        requests.setHeaderName(headerName);
    }

    /** The request header carrying a serialized task id. */
    public String getHeaderName() {
        return requests.headerName();
    }

    /** The action type of each request; default {@value EliotRequestFilter#DEFAULT_ACTION_TYPE}. */
    public void setActionType(String actionType) {
        requests.setActionType(actionType);
    }

    /** The action type of each request. */
    public String getActionType() {
        return requests.actionType();
    }

    /** Whether responses carry the request's {@code task_uuid}; default {@code true}. */
    public void setResponseHeader(boolean responseHeader) {
        requests.setResponseHeader(responseHeader);
    }

    /** Whether responses carry the request's {@code task_uuid}. */
    public boolean isResponseHeader() {
        return requests.responseHeader();
    }

    /**
     * The response header carrying the request's {@code task_uuid}; default {@value
     * EliotRequestFilter#DEFAULT_RESPONSE_HEADER_NAME}.
     */
    public void setResponseHeaderName(String responseHeaderName) {
        requests.setResponseHeaderName(responseHeaderName);
    }

    /** The response header carrying the request's {@code task_uuid}. */
    public String getResponseHeaderName() {
        return requests.responseHeaderName();
    }

    /**
     * Request paths not logged: Spring path patterns within the application, such as {@code
     * /static/**}; default none.
     *
     * @throws IllegalArgumentException naming the first one that is not a path pattern
     */
    public void setExcludePaths(Collection<String> excludePaths) {
        requests.setExcludePaths(excludePaths);
    }

    /** The excluded path patterns. */
    public List<String> getExcludePaths() {
        return requests.excludePaths();
    }

    /** {@value #ORDER}. */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /** {@code delegate}, each request an action. */
    @Override
    public HttpHandler apply(HttpHandler delegate) {
        return (request, response) -> new LoggedRequest(delegate, request, response);
    }

    /** Tells the decorator handling this request about its exchange; otherwise just the chain. */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.deferContextual(context -> {
            Exchange state = context.getOrDefault(EXCHANGE_KEY, null);
            if (state == null) {
                return chain.filter(exchange);
            }
            state.exchange = exchange;
            return chain.filter(exchange).doOnError(e -> state.filterError = e);
        });
    }

    /** The exception a cancelled request fails with; {@code cause}, if any, the failed write's error. */
    private static CancellationException cancelled(Throwable cause) {
        CancellationException cancelled = new CancellationException(CANCELLED);
        if (cause != null) {
            cancelled.initCause(cause);
        }
        return cancelled;
    }

    private static String pathWithinApplication(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return path.isEmpty() ? "/" : path;
    }

    /** One request's handling, its action started at subscription. */
    private final class LoggedRequest extends Mono<Void> {
        private final HttpHandler delegate;
        private final ServerHttpRequest request;
        private final ServerHttpResponse response;

        LoggedRequest(HttpHandler delegate, ServerHttpRequest request, ServerHttpResponse response) {
            this.delegate = delegate;
            this.request = request;
            this.response = response;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            ContinuedTask task = start();
            if (task == null) {
                Mono.defer(() -> delegate.handle(request, response)).subscribe(actual);
                return;
            }
            Exchange state = new Exchange(task, response);
            ServerHttpResponse watched = BodyWatchingResponse.of(response, () -> state.bodyCut = true);
            Mono<Void> logged = Mono.defer(() -> delegate.handle(request, watched))
                    .doOnSuccess(ignored -> state.completed())
                    .doOnError(state::failed)
                    .doOnCancel(() -> task.finish(cancelled(null)))
                    .contextWrite(
                            context -> context.put(CONTEXT_KEY, task.action()).put(EXCHANGE_KEY, state));
            try (ContextScope ignored = task.context()) {
                logged.subscribe(actual);
            }
        }

        /** The request's task, or null when it is not logged or starting it failed. */
        private ContinuedTask start() {
            try {
                String path = pathWithinApplication(request);
                if (requests.isExcluded(path)) {
                    return null;
                }
                ContinuedTask task = requests.start(
                        request.getMethod().name(),
                        path,
                        request.getHeaders().get(requests.headerName()),
                        request.getHeaders().get(TaskContinuation.TRACEPARENT_HEADER));
                if (task != null && requests.responseHeader()) {
                    try {
                        response.getHeaders().set(requests.responseHeaderName(), task.taskUuid());
                    } catch (RuntimeException e) {
                        // Read-only headers: the request goes on without it.
                    }
                }
                return task;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** What the filter role learns about a request's exchange, for the decorator that finishes it. */
    private static final class Exchange {
        private final ContinuedTask task;
        private final ServerHttpResponse response;
        volatile ServerWebExchange exchange;
        volatile boolean bodyCut;
        volatile Throwable filterError;

        Exchange(ContinuedTask task, ServerHttpResponse response) {
            this.task = task;
            this.response = response;
        }

        /** The handling is complete: finish with the response's status and path template, or as cut. */
        void completed() {
            if (task.isFinished()) {
                return;
            }
            try {
                if (bodyCut) {
                    task.finish(cancelled(null));
                    return;
                }
                HttpStatusCode status = response.getStatusCode();
                ServerWebExchange seen = exchange;
                Object template =
                        seen == null ? null : seen.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                HttpServerRequests.finish(task, status == null ? 0 : status.value(), template, this::serverError);
            } catch (RuntimeException e) {
                task.finish(e);
            }
        }

        /**
         * The handling failed: with {@code error}, or, after the server cut the body, as cancelled
         * (the error is then the failed write's, as on a servlet container).
         */
        void failed(Throwable error) {
            task.finish(bodyCut ? cancelled(error) : error);
        }

        /** The exception behind this 5xx: handled by a WebExceptionHandler, or seen by the filter. */
        private Throwable serverError(int status) {
            ServerWebExchange seen = exchange;
            Object handled = seen == null ? null : seen.getAttribute(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION);
            if (handled instanceof Throwable t) {
                return t;
            }
            Throwable escaped = filterError;
            return escaped != null ? escaped : new HttpServerErrorStatus(status);
        }
    }
}
