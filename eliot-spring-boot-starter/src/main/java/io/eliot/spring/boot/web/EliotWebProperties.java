package io.eliot.spring.boot.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tasks across HTTP, under the prefix {@code eliot.web}: the inbound side and the outbound client
 * interceptors of eliot-spring-web, mapped onto their setters and constructors. One set of
 * properties serves both stacks: {@code enabled}, {@code header-name}, {@code action-type}, {@code
 * response-header}, {@code response-header-name} and {@code exclude-paths} configure the servlet
 * {@link io.eliot.spring.web.EliotRequestFilter} in a servlet application and the {@link
 * io.eliot.spring.web.EliotHttpHandlerDecorator} in a reactive (WebFlux) one; {@code header-name}
 * also names the header outbound calls send; {@code client.*} configures the outbound {@link
 * io.eliot.spring.web.EliotClientHttpRequestInterceptor} (RestClient, RestTemplate) and {@link
 * io.eliot.spring.web.EliotExchangeFilterFunction} (WebClient), on either stack.
 *
 * <pre>
 * eliot:
 *   web:
 *     action-type: http:request
 *     exclude-paths: [/actuator/health/**, /static/**]
 *     client:
 *       include-query: false
 * </pre>
 */
@ConfigurationProperties("eliot.web")
public class EliotWebProperties {

    /**
     * Whether each incoming request becomes an Eliot action (the servlet filter, or the WebFlux
     * decorator in a reactive application).
     */
    private boolean enabled = true;

    /**
     * The request header carrying a serialized task id (task_uuid@/1/2), read on requests and written
     * on outbound calls. Matched case-insensitively.
     */
    private String headerName = "x-eliot-task-id";

    /** The action_type of the action each request becomes. */
    private String actionType = "http:request";

    /** Whether responses carry the request's task_uuid, so a caller can find the request in the logs. */
    private boolean responseHeader = true;

    /** The response header that carries the request's task_uuid. */
    private String responseHeaderName = "x-eliot-task-uuid";

    /**
     * Request paths (within the application, Spring path patterns such as /static/** or
     * /actuator/health/**) that are not logged. By default the health endpoint, the live view's
     * endpoint (its page polls it) and /favicon.ico.
     */
    private List<String> excludePaths =
            new ArrayList<>(List.of("/actuator/health/**", "/actuator/eliot/**", "/favicon.ico"));

    /** Outbound calls through Boot's RestClient.Builder, RestTemplateBuilder and WebClient.Builder. */
    private final Client client = new Client();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHeaderName() {
        return headerName;
    }

    public void setHeaderName(String headerName) {
        this.headerName = headerName;
    }

    public String getActionType() {
        return actionType;
    }

    public void setActionType(String actionType) {
        this.actionType = actionType;
    }

    public boolean isResponseHeader() {
        return responseHeader;
    }

    public void setResponseHeader(boolean responseHeader) {
        this.responseHeader = responseHeader;
    }

    public String getResponseHeaderName() {
        return responseHeaderName;
    }

    public void setResponseHeaderName(String responseHeaderName) {
        this.responseHeaderName = responseHeaderName;
    }

    public List<String> getExcludePaths() {
        return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
        this.excludePaths = excludePaths;
    }

    public Client getClient() {
        return client;
    }

    /** Outbound HTTP calls. */
    public static class Client {

        /**
         * Whether RestClient, RestTemplate and WebClient built from Boot's builders send a freshly
         * serialized task id with each request and log each request as an action.
         */
        private boolean enabled = true;

        /** The action_type of the action each outbound request becomes. */
        private String actionType = "http:client_request";

        /** Whether the logged URI keeps its query string (it may hold secrets; off by default). */
        private boolean includeQuery = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getActionType() {
            return actionType;
        }

        public void setActionType(String actionType) {
            this.actionType = actionType;
        }

        public boolean isIncludeQuery() {
            return includeQuery;
        }

        public void setIncludeQuery(boolean includeQuery) {
            this.includeQuery = includeQuery;
        }
    }
}
