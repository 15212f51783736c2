package io.eliot.spring.web;

import io.eliot.core.ContextScope;
import io.eliot.core.ContinuedTask;
import io.eliot.core.Eliot;
import io.eliot.core.HttpServerErrorStatus;
import io.eliot.core.TaskContinuation;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Makes each servlet request an Eliot action ({@code http:request} by default) with fields {@code
 * method} and {@code path}, and on success {@code status} and {@code path_template}. With a valid
 * {@code x-eliot-task-id} header the request continues the caller's task (inside an {@code
 * eliot:remote_task} action); without one it is a new task. An invalid header that reaches the
 * filter never changes the response: the request becomes a new task with an {@code
 * eliot:invalid_task_id} message (see {@link TaskContinuation}, which this filter applies). A valid
 * W3C {@code traceparent} header adds the caller's {@code trace_id} and {@code parent_span_id} to
 * the action (an invalid one is logged as {@code eliot:invalid_traceparent}). The
 * server may refuse a request before any filter runs (Tomcat answers 400 to control characters in a
 * header and to headers over its size limit); nothing is logged for it then.
 *
 * <p>An exception escaping the handler fails the action with that exception, as does one Spring MVC
 * resolved into a 5xx response (e.g. a {@code ResponseStatusException}); any other 5xx response
 * fails it with {@link HttpServerErrorStatus}. Async requests finish when the response completes. The
 * action is current on the request thread while the handler runs and never outlives the request.
 * Never throws because of logging.
 *
 * <p>Configured through setters, with defaults, like Spring's {@code CharacterEncodingFilter}; the
 * Spring Boot starter registers it and maps {@code eliot.web.*} onto them. Without Boot, register it
 * for the {@code REQUEST} and {@code ASYNC} dispatcher types with async support, before other
 * filters:
 *
 * <pre>{@code
 * EliotRequestFilter filter = new EliotRequestFilter();
 * filter.setExcludePaths(List.of("/static/**"));
 * FilterRegistration.Dynamic registration = servletContext.addFilter("eliot", filter);
 * registration.setAsyncSupported(true);
 * registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
 * }</pre>
 */
public class EliotRequestFilter extends OncePerRequestFilter {

    /** The default action type of a request. */
    public static final String DEFAULT_ACTION_TYPE = "http:request";

    /** The default response header carrying the request's {@code task_uuid}. */
    public static final String DEFAULT_RESPONSE_HEADER_NAME = "x-eliot-task-uuid";

    private static final String ACTION_ATTRIBUTE = EliotRequestFilter.class.getName() + ".action";

    private final HttpServerRequests requests = new HttpServerRequests();

    /** A filter with the defaults: see the setters. */
    public EliotRequestFilter() {}

    /** The request header carrying a serialized task id; default {@code x-eliot-task-id}, matched case-insensitively. */
    public void setHeaderName(String headerName) {
        requests.setHeaderName(headerName);
    }

    /** The request header carrying a serialized task id. */
    public String getHeaderName() {
        return requests.headerName();
    }

    /** The action type of each request; default {@value #DEFAULT_ACTION_TYPE}. */
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

    /** The response header carrying the request's {@code task_uuid}; default {@value #DEFAULT_RESPONSE_HEADER_NAME}. */
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

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return requests.isExcluded(pathWithinApplication(request));
    }

    /** Async dispatches run the handler's continuation: the request's action is made current again. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            continueAsyncDispatch(request, response, chain);
            return;
        }
        ContinuedTask task = start(request);
        if (task == null) {
            chain.doFilter(request, response);
            return;
        }
        if (requests.responseHeader()) {
            response.setHeader(requests.responseHeaderName(), task.taskUuid());
        }
        request.setAttribute(ACTION_ATTRIBUTE, task);
        Throwable failure = null;
        try (ContextScope ignored = task.context()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (failure != null) {
                task.finish(unwrap(failure));
            } else if (request.isAsyncStarted()) {
                finishOnCompletion(request, task);
            } else {
                finish(task, request, response);
            }
        }
    }

    private void continueAsyncDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object attribute = request.getAttribute(ACTION_ATTRIBUTE);
        if (!(attribute instanceof ContinuedTask task)) {
            chain.doFilter(request, response);
            return;
        }
        try (ContextScope ignored = task.context()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            task.finish(unwrap(e));
            throw e;
        } finally {
            if (!request.isAsyncStarted()) {
                finish(task, request, response);
            }
        }
    }

    private static void finishOnCompletion(HttpServletRequest request, ContinuedTask task) {
        try {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    finish(task, request, (HttpServletResponse) event.getSuppliedResponse());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    // The container then completes the response (Spring MVC answers 503): onComplete finishes.
                }

                @Override
                public void onError(AsyncEvent event) {
                    Throwable t = event.getThrowable();
                    if (t == null) {
                        finish(task, request, (HttpServletResponse) event.getSuppliedResponse());
                    } else {
                        task.finish(unwrap(t));
                    }
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    event.getAsyncContext().addListener(this);
                }
            });
        } catch (RuntimeException e) {
            Eliot.writeTraceback(e);
        }
    }

    /** The request's task, or null when starting it failed (logging never fails a request). */
    private ContinuedTask start(HttpServletRequest request) {
        try {
            var values = request.getHeaders(requests.headerName());
            var traceparents = request.getHeaders(TaskContinuation.TRACEPARENT_HEADER);
            return requests.start(
                    request.getMethod(),
                    pathWithinApplication(request),
                    values == null ? List.of() : Collections.list(values),
                    traceparents == null ? List.of() : Collections.list(traceparents));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Finishes with the response: {@code status} and {@code path_template}, a 5xx failing it. */
    private static void finish(ContinuedTask task, HttpServletRequest request, HttpServletResponse response) {
        if (task.isFinished()) {
            return;
        }
        try {
            HttpServerRequests.finish(
                    task,
                    response == null ? 0 : response.getStatus(),
                    request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
                    status -> serverError(request, status));
        } catch (RuntimeException e) {
            task.finish(e); // Reading the response failed; the request is not disturbed.
        }
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (uri == null) {
            return "/";
        }
        if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
            uri = uri.substring(contextPath.length());
        }
        return uri.isEmpty() ? "/" : uri;
    }

    /** The exception the handler threw, rather than the container's wrapper around it. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof ServletException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The exception Spring MVC resolved into this 5xx response, if any, else {@link HttpServerErrorStatus}. */
    private static Throwable serverError(HttpServletRequest request, int status) {
        Object resolved = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        return resolved instanceof Throwable t ? t : new HttpServerErrorStatus(status);
    }
}
