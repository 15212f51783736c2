package io.eliot.spring.boot.web;

import io.eliot.core.Eliot;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.web.EliotRequestFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Registers eliot-spring-web's {@link EliotRequestFilter} early in servlet web applications, its
 * setters given {@link EliotWebProperties}, so each request is an Eliot action that continues the
 * caller's task. Off with {@code eliot.web.enabled=false}.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass({Eliot.class, Filter.class, FilterRegistrationBean.class, HandlerMapping.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotWebProperties.class)
public class EliotWebMvcAutoConfiguration {

    /** The filter's order: before Spring Security and the other filters, after the few that must come first. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * The request filter, configured by {@code eliot.web}.
     *
     * @throws EliotConfigurationException if an exclude path is not a path pattern
     */
    @Bean
    @ConditionalOnMissingBean
    public EliotRequestFilter eliotRequestFilter(EliotWebProperties properties) {
        EliotRequestFilter filter = new EliotRequestFilter();
        filter.setHeaderName(properties.getHeaderName());
        filter.setActionType(properties.getActionType());
        filter.setResponseHeader(properties.isResponseHeader());
        filter.setResponseHeaderName(properties.getResponseHeaderName());
        try {
            filter.setExcludePaths(properties.getExcludePaths());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.web.exclude-paths", e.getMessage(), e);
        }
        return filter;
    }

    /** Registers the request filter for request and async dispatches, at {@link #FILTER_ORDER}. */
    @Bean
    @ConditionalOnMissingBean(name = "eliotRequestFilterRegistration")
    public FilterRegistrationBean<EliotRequestFilter> eliotRequestFilterRegistration(EliotRequestFilter filter) {
        FilterRegistrationBean<EliotRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        return registration;
    }
}
