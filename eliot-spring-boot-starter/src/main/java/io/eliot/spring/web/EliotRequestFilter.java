package io.eliot.spring.web;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.InvalidTaskIdException;
import io.eliot.core.TaskIdHeaders;
import io.eliot.spring.EliotConfigurationException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Makes each servlet request an Eliot action ({@code http:request} by default) with fields {@code
 * method} and {@code path}, and on success {@code status} and {@code path_template}. With a valid
 * {@code x-eliot-task-id} header the request continues the caller's task (inside an {@code
 * eliot:remote_task} action); without one it is a new task. An invalid header that reaches the
 * filter never changes the response: the request becomes a new task with an {@code
 * eliot:invalid_task_id} message whose {@code problem} quotes only a short escaped excerpt (header
 * bytes that form UTF-8 read as UTF-8, see {@link io.eliot.core.TaskIdHeaders}). The server may
 * refuse a request before any filter runs (Tomcat answers 400 to control characters in a header
 * and to headers over its size limit); nothing is logged for it then.
 *
 * <p>An exception escaping the handler fails the action with that exception, as does one Spring MVC
 * resolved into a 5xx response (e.g. a {@code ResponseStatusException}); any other 5xx response
 * fails it with {@link HttpServerErrorStatus}. Async requests finish when the response completes. The
 * action is current on the request thread while the handler runs and never outlives the request.
 * Registered by {@link EliotWebMvcAutoConfiguration}; never throws because of logging.
 */
public class EliotRequestFilter extends OncePerRequestFilter {

    /** The message logged when the task id header is rejected. */
    public static final String INVALID_TASK_ID = "eliot:invalid_task_id";

    private static final String ACTION_ATTRIBUTE = EliotRequestFilter.class.getName() + ".action";
    private static final int MAX_PATH = 1_000;

    private final EliotWebProperties properties;
    private final List<PathPattern> excluded;

    /**
     * A filter configured by {@code properties}.
     *
     * @throws EliotConfigurationException if an exclude path is not a path pattern
     */
    public EliotRequestFilter(EliotWebProperties properties) {
        this.properties = properties;
        List<PathPattern> patterns = new ArrayList<>();
        for (String p : properties.getExcludePaths()) {
            try {
                patterns.add(PathPatternParser.defaultInstance.parse(p));
            } catch (PatternParseException e) {
                throw new EliotConfigurationException(
                        "eliot.web.exclude-paths", "'" + p + "' is not a path pattern: " + e.getMessage(), e);
            }
        }
        this.excluded = List.copyOf(patterns);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (excluded.isEmpty()) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(pathWithinApplication(request));
        for (PathPattern pattern : excluded) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
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
        RequestActions actions = start(request);
        if (actions == null) {
            chain.doFilter(request, response);
            return;
        }
        if (properties.isResponseHeader()) {
            response.setHeader(properties.getResponseHeaderName(), actions.request.taskUuid());
        }
        request.setAttribute(ACTION_ATTRIBUTE, actions);
        Throwable failure = null;
        try (ContextScope ignored = actions.request.context()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (failure != null) {
                actions.finish(request, response, unwrap(failure));
            } else if (request.isAsyncStarted()) {
                finishOnCompletion(request, actions);
            } else {
                actions.finish(request, response, null);
            }
        }
    }

    private void continueAsyncDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object attribute = request.getAttribute(ACTION_ATTRIBUTE);
        if (!(attribute instanceof RequestActions actions)) {
            chain.doFilter(request, response);
            return;
        }
        try (ContextScope ignored = actions.request.context()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            actions.finish(request, response, unwrap(e));
            throw e;
        } finally {
            if (!request.isAsyncStarted()) {
                actions.finish(request, response, null);
            }
        }
    }

    private static void finishOnCompletion(HttpServletRequest request, RequestActions actions) {
        try {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    actions.finish(request, (HttpServletResponse) event.getSuppliedResponse(), null);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    // The container then completes the response (Spring MVC answers 503): onComplete finishes.
                }

                @Override
                public void onError(AsyncEvent event) {
                    Throwable t = event.getThrowable();
                    actions.finish(
                            request, (HttpServletResponse) event.getSuppliedResponse(), t == null ? null : unwrap(t));
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

    /** The request's actions, or null when starting them failed (logging never fails a request). */
    private RequestActions start(HttpServletRequest request) {
        try {
            Map<String, Object> fields = new LinkedHashMap<>(4);
            fields.put("method", request.getMethod());
            fields.put("path", bounded(pathWithinApplication(request)));
            String rejection = null;
            Action remote = null;
            Enumeration<String> values = request.getHeaders(properties.getHeaderName());
            if (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                if (values.hasMoreElements()) {
                    rejection = "more than one " + properties.getHeaderName() + " header";
                } else {
                    try {
                        remote = Eliot.continueTask(TaskIdHeaders.fromIso88591(value));
                    } catch (InvalidTaskIdException e) {
                        rejection = e.getMessage();
                    }
                }
            }
            Action action = remote == null
                    ? Eliot.startTask(properties.getActionType(), fields)
                    : remote.startChild(properties.getActionType(), fields);
            if (rejection != null) {
                try (ContextScope ignored = action.context()) {
                    Eliot.log(INVALID_TASK_ID, "header", properties.getHeaderName(), "problem", rejection);
                }
            }
            return new RequestActions(remote, action);
        } catch (RuntimeException e) {
            return null;
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

    private static String bounded(String value) {
        return value.length() <= MAX_PATH ? value : value.substring(0, MAX_PATH) + "...";
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

    /** The request's action and, when it continues a caller's task, the {@code eliot:remote_task} around it. */
    private static final class RequestActions {
        private final Action remote;
        private final Action request;

        RequestActions(Action remote, Action request) {
            this.remote = remote;
            this.request = request;
        }

        void finish(HttpServletRequest httpRequest, HttpServletResponse response, Throwable failure) {
            if (request.isFinished()) {
                return;
            }
            try {
                if (failure != null) {
                    request.finish(failure);
                } else {
                    int status = response == null ? 0 : response.getStatus();
                    if (status > 0) {
                        request.addSuccessField("status", status);
                    }
                    Object template = httpRequest.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                    if (template != null) {
                        request.addSuccessField("path_template", bounded(template.toString()));
                    }
                    request.finish(status >= 500 && status < 600 ? serverError(httpRequest, status) : null);
                }
            } catch (RuntimeException e) {
                request.finish(e); // Reading the response failed; the request is not disturbed.
            } finally {
                if (remote != null) {
                    remote.finish();
                }
            }
        }
    }
}
