package io.eliot.spring.actuate;

import io.eliot.viewer.LivePage;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * Sends the live view page's {@code Content-Security-Policy} as a header on the {@code eliot}
 * endpoint's responses (the page also carries it in a {@code meta} element), in whichever context
 * serves the endpoints: the application's, or the management server's on its own port.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnAvailableEndpoint(EliotEndpoint.class)
public class EliotEndpointManagementContextConfiguration {

    private static final String HEADER = "Content-Security-Policy";

    private static String endpointPath(PathMappedEndpoints endpoints) {
        String path = endpoints.getPath(EndpointId.of("eliot"));
        return path == null ? endpoints.getBasePath() + "/eliot" : path;
    }

    /** The servlet stack's filter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({Filter.class, FilterRegistrationBean.class})
    static class Servlet {

        @Bean
        FilterRegistrationBean<Filter> eliotEndpointContentSecurityPolicy(PathMappedEndpoints endpoints) {
            String policy = LivePage.contentSecurityPolicy();
            Filter filter = (request, response, chain) -> {
                ((HttpServletResponse) response).setHeader(HEADER, policy);
                chain.doFilter(request, response);
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            String path = endpointPath(endpoints).replaceAll("/+$", "");
            registration.addUrlPatterns(path.isEmpty() ? "/" : path, path + "/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            registration.setName("eliotEndpointContentSecurityPolicy");
            return registration;
        }
    }

    /** The reactive stack's filter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(WebFilter.class)
    static class Reactive {

        @Bean
        WebFilter eliotEndpointContentSecurityPolicy(PathMappedEndpoints endpoints) {
            String policy = LivePage.contentSecurityPolicy();
            String path = endpointPath(endpoints).replaceAll("/+$", "");
            return (exchange, chain) -> {
                String requested =
                        exchange.getRequest().getPath().pathWithinApplication().value();
                if (requested.equals(path) || requested.startsWith(path + "/")) {
                    exchange.getResponse().getHeaders().set(HEADER, policy);
                }
                return chain.filter(exchange);
            };
        }
    }
}
