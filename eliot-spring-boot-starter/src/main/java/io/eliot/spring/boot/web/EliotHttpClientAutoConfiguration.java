package io.eliot.spring.boot.web;

import io.eliot.core.Eliot;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.boot.web.internal.ClientPropagationCheck;
import io.eliot.spring.web.EliotClientHttpRequestInterceptor;
import io.eliot.spring.web.EliotExchangeFilterFunction;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Adds {@link EliotClientHttpRequestInterceptor} to every {@code RestClient} and {@code
 * RestTemplate} built from Spring Boot's {@code RestClient.Builder} and {@code RestTemplateBuilder},
 * and {@link EliotExchangeFilterFunction} to every {@code WebClient} built from its {@code
 * WebClient.Builder} (when WebFlux's client is present), so outbound calls carry the task. Off with
 * {@code eliot.web.client.enabled=false}. Clients built by hand need the interceptor added by hand
 * (see its Javadoc); client beans without it are reported at startup by {@link
 * ClientPropagationCheck}.
 */
@AutoConfiguration(
        after = EliotAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
            "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
            "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration"
        })
@ConditionalOnClass({Eliot.class, ClientHttpRequestInterceptor.class})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.web.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotWebProperties.class)
public class EliotHttpClientAutoConfiguration {

    /** The interceptor both customizers add. */
    @Bean
    @ConditionalOnMissingBean
    public EliotClientHttpRequestInterceptor eliotClientHttpRequestInterceptor(EliotWebProperties properties) {
        return new EliotClientHttpRequestInterceptor(
                properties.getHeaderName(),
                properties.getClient().getActionType(),
                properties.getClient().isIncludeQuery());
    }

    /** Reports, once at startup, client beans built by hand that do not send the task id. */
    @Bean
    @ConditionalOnMissingBean
    static ClientPropagationCheck eliotClientPropagationCheck(ListableBeanFactory beanFactory) {
        return new ClientPropagationCheck(beanFactory);
    }

    /** For {@code RestClient.Builder}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
    static class RestClientPropagation {

        /** Adds the interceptor to each RestClient built from Boot's builder. */
        @Bean
        @ConditionalOnMissingBean(name = "eliotRestClientCustomizer")
        RestClientCustomizer eliotRestClientCustomizer(EliotClientHttpRequestInterceptor interceptor) {
            return builder -> builder.requestInterceptor(interceptor);
        }
    }

    /** For {@code WebClient.Builder}, when WebFlux's client and Boot's WebClient support are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "org.springframework.web.reactive.function.client.WebClient",
                "org.springframework.boot.webclient.WebClientCustomizer"
            })
    static class WebClientPropagation {

        /** Adds {@link EliotExchangeFilterFunction} to each WebClient built from Boot's builder. */
        @Bean
        @ConditionalOnMissingBean(name = "eliotWebClientCustomizer")
        org.springframework.boot.webclient.WebClientCustomizer eliotWebClientCustomizer(EliotWebProperties properties) {
            EliotExchangeFilterFunction filter = new EliotExchangeFilterFunction(
                    properties.getHeaderName(),
                    properties.getClient().getActionType(),
                    properties.getClient().isIncludeQuery());
            return builder -> builder.filter(filter);
        }
    }

    /** For {@code RestTemplateBuilder}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestTemplate.class, RestTemplateCustomizer.class})
    static class RestTemplatePropagation {

        /** Adds the interceptor to each RestTemplate built from Boot's builder. */
        @Bean
        @ConditionalOnMissingBean(name = "eliotRestTemplateCustomizer")
        RestTemplateCustomizer eliotRestTemplateCustomizer(EliotClientHttpRequestInterceptor interceptor) {
            return restTemplate -> restTemplate.getInterceptors().add(interceptor);
        }
    }
}
