package io.eliot.spring.actuate;

import io.eliot.viewer.LivePage;
import io.eliot.viewer.RecentTasks;
import io.eliot.viewer.TaskQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code eliot} Actuator endpoint: the application's recent tasks ({@link RecentTasks}), off
 * unless exposed ({@code management.endpoints.web.exposure.include=eliot}) and, like every
 * endpoint, behind Spring Security when the application has it.
 *
 * <ul>
 *   <li>{@code GET /actuator/eliot?status=&type=&minDuration=&since=&until=&limit=}: the tasks,
 *       newest first, with the store's sizes ({@link RecentTasks#list}); a bad parameter gives 400
 *       with {@code {"error": "..."}}.
 *   <li>{@code GET /actuator/eliot/{task_uuid}}: one task's tree ({@link RecentTasks#task}), 404
 *       when it is not stored.
 *   <li>{@code GET /actuator/eliot} with {@code Accept: text/html}: the live view's page, which
 *       reads the two above.
 * </ul>
 *
 * A web endpoint only: the page and the HTTP statuses mean nothing over JMX.
 */
@WebEndpoint(id = "eliot")
public class EliotEndpoint {

    private final RecentTasks tasks;
    private final String pagePath;

    /**
     * The endpoint over {@code tasks}; {@code relativePath} is the endpoint's path relative to
     * itself (its last segment, {@code eliot} unless mapped otherwise), which the page fetches, so
     * it works behind any context path or proxy prefix.
     */
    public EliotEndpoint(RecentTasks tasks, String relativePath) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.pagePath = Objects.requireNonNull(relativePath, "relativePath");
    }

    /** The recent tasks the parameters select, newest first; 400 for a parameter it cannot use. */
    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> tasks(
            @Nullable String status,
            @Nullable String type,
            @Nullable String minDuration,
            @Nullable String since,
            @Nullable String until,
            @Nullable String limit) {
        TaskQuery query;
        try {
            query = TaskQuery.parse(status, type, minDuration, since, until, limit);
        } catch (IllegalArgumentException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            return new WebEndpointResponse<>(error, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        return new WebEndpointResponse<>(tasks.list(query));
    }

    /** The live view's page, for a client asking for HTML. */
    @ReadOperation(produces = "text/html")
    public String page() {
        return LivePage.html(pagePath);
    }

    /** One task's tree; 404 when it is not stored. */
    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> task(@Selector String taskUuid) {
        return tasks.task(taskUuid)
                .map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(
                        Map.of("error", "no recent task " + taskUuid + " (never seen, or evicted)"),
                        WebEndpointResponse.STATUS_NOT_FOUND));
    }
}
