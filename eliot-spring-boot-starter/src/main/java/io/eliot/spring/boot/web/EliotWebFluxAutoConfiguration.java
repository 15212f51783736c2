package io.eliot.spring.boot.web;

import io.eliot.core.Eliot;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.web.EliotHttpHandlerDecorator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.reactive.HandlerMapping;

/**
 * Registers eliot-spring-web's {@link EliotHttpHandlerDecorator} in reactive web applications, its
 * setters given the same {@link EliotWebProperties} as the servlet filter, so each WebFlux request is
 * an Eliot action that continues the caller's task. Boot's {@code HttpHandler} applies the bean both
 * as decorator and as the first {@code WebFilter}. Off with {@code eliot.web.enabled=false}.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass({Eliot.class, HttpHandlerDecoratorFactory.class, HandlerMapping.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotWebProperties.class)
public class EliotWebFluxAutoConfiguration {

    /**
     * The request decorator, configured by {@code eliot.web}.
     *
     * @throws EliotConfigurationException if an exclude path is not a path pattern
     */
    @Bean
    @ConditionalOnMissingBean
    public EliotHttpHandlerDecorator eliotHttpHandlerDecorator(EliotWebProperties properties) {
        EliotHttpHandlerDecorator decorator = new EliotHttpHandlerDecorator();
        decorator.setHeaderName(properties.getHeaderName());
        decorator.setActionType(properties.getActionType());
        decorator.setResponseHeader(properties.isResponseHeader());
        decorator.setResponseHeaderName(properties.getResponseHeaderName());
        try {
            decorator.setExcludePaths(properties.getExcludePaths());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.web.exclude-paths", e.getMessage(), e);
        }
        return decorator;
    }
}
