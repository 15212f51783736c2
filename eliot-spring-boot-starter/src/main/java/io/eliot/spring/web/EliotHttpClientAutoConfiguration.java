package io.eliot.spring.web;

import io.eliot.core.Eliot;
import io.eliot.spring.EliotAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Adds {@link EliotClientHttpRequestInterceptor} to every {@code RestClient} and {@code
 * RestTemplate} built from Spring Boot's {@code RestClient.Builder} and {@code RestTemplateBuilder},
 * so outbound calls carry the task. Off with {@code eliot.web.client.enabled=false}. Clients built
 * by hand need the interceptor added by hand (see its Javadoc).
 */
@AutoConfiguration(
        after = EliotAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
            "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration"
        })
@ConditionalOnClass({Eliot.class, RestClientCustomizer.class})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.web.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotWebProperties.class)
public class EliotHttpClientAutoConfiguration {

    /** The interceptor both customizers add. */
    @Bean
    @ConditionalOnMissingBean
    public EliotClientHttpRequestInterceptor eliotClientHttpRequestInterceptor(EliotWebProperties properties) {
        return EliotClientHttpRequestInterceptor.of(properties);
    }

    /** For {@code RestClient.Builder}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClient.class)
    static class RestClientPropagation {

        /** Adds the interceptor to each RestClient built from Boot's builder. */
        @Bean
        @ConditionalOnMissingBean(name = "eliotRestClientCustomizer")
        RestClientCustomizer eliotRestClientCustomizer(EliotClientHttpRequestInterceptor interceptor) {
            return builder -> builder.requestInterceptor(interceptor);
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
