package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.boot.web.internal.ClientPropagationCheck;
import io.eliot.spring.web.EliotClientHttpRequestInterceptor;
import io.eliot.spring.web.EliotHttpHandlerDecorator;
import io.eliot.spring.web.EliotRequestFilter;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

/** When the web auto-configurations apply, property by property. */
class EliotWebAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
            EliotAutoConfiguration.class,
            EliotWebMvcAutoConfiguration.class,
            EliotWebFluxAutoConfiguration.class,
            EliotHttpClientAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    private final ReactiveWebApplicationContextRunner reactive =
            new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @Test
    void aServletApplicationGetsTheFilterEarlyInTheChain() {
        web.run(context -> {
            assertThat(context).hasSingleBean(EliotRequestFilter.class);
            FilterRegistrationBean<?> registration =
                    context.getBean("eliotRequestFilterRegistration", FilterRegistrationBean.class);
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10);
            assertThat(registration.getFilter()).isSameAs(context.getBean(EliotRequestFilter.class));
        });
    }

    @Test
    void aReactiveApplicationGetsTheDecoratorAndNoServletFilter() {
        reactive.run(context -> {
            assertThat(context).hasSingleBean(EliotHttpHandlerDecorator.class);
            assertThat(context.getBeansOfType(HttpHandlerDecoratorFactory.class))
                    .containsOnlyKeys("eliotHttpHandlerDecorator");
            assertThat(context.getBeansOfType(WebFilter.class)).containsOnlyKeys("eliotHttpHandlerDecorator");
            assertThat(context).doesNotHaveBean(EliotRequestFilter.class);
        });
    }

    @Test
    void aServletApplicationGetsNoDecorator() {
        web.run(context -> assertThat(context).doesNotHaveBean(EliotHttpHandlerDecorator.class));
    }

    @Test
    void theDecoratorTakesTheSameProperties() {
        reactive.withPropertyValues(
                        "eliot.web.header-name=x-trace-task",
                        "eliot.web.action-type=api:request",
                        "eliot.web.response-header=false",
                        "eliot.web.response-header-name=x-request-task",
                        "eliot.web.exclude-paths=/assets/**,/ping")
                .run(context -> {
                    EliotHttpHandlerDecorator decorator = context.getBean(EliotHttpHandlerDecorator.class);
                    assertThat(decorator.getHeaderName()).isEqualTo("x-trace-task");
                    assertThat(decorator.getActionType()).isEqualTo("api:request");
                    assertThat(decorator.isResponseHeader()).isFalse();
                    assertThat(decorator.getResponseHeaderName()).isEqualTo("x-request-task");
                    assertThat(decorator.getExcludePaths()).containsExactly("/assets/**", "/ping");
                });
    }

    @Test
    void theDecoratorExcludesHealthAndFaviconByDefault() {
        reactive.run(context -> assertThat(
                        context.getBean(EliotHttpHandlerDecorator.class).getExcludePaths())
                .containsExactly("/actuator/health/**", "/actuator/eliot/**", "/favicon.ico"));
    }

    @Test
    void eliotWebEnabledFalseTurnsTheDecoratorOff() {
        reactive.withPropertyValues("eliot.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EliotHttpHandlerDecorator.class));
        reactive.withPropertyValues("eliot.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EliotHttpHandlerDecorator.class));
    }

    @Test
    void anApplicationDecoratorBeanReplacesOurs() {
        reactive.withBean("own", EliotHttpHandlerDecorator.class, EliotHttpHandlerDecorator::new)
                .run(context -> assertThat(context)
                        .getBean(EliotHttpHandlerDecorator.class)
                        .isSameAs(context.getBean("own")));
    }

    @Test
    void anExcludePathThatIsNotAPatternFailsReactiveStartupNamingTheProperty() {
        reactive.withPropertyValues("eliot.web.exclude-paths=/a/**/b/{x").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof EliotConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isNotNull();
            assertThat(((EliotConfigurationException) failure).getProperty()).isEqualTo("eliot.web.exclude-paths");
        });
    }

    @Test
    void withoutWebFluxThereIsNoDecorator() {
        reactive.withClassLoader(new FilteredClassLoader(org.springframework.web.reactive.HandlerMapping.class))
                .run(context -> assertThat(context).doesNotHaveBean(EliotHttpHandlerDecorator.class));
    }

    @Test
    void aNonWebApplicationGetsNoFilter() {
        plain.run(context -> assertThat(context)
                .doesNotHaveBean(EliotHttpHandlerDecorator.class)
                .doesNotHaveBean(EliotRequestFilter.class)
                .doesNotHaveBean("eliotRequestFilterRegistration"));
    }

    @Test
    void withoutTheServletApiThereIsNoFilter() {
        web.withClassLoader(new FilteredClassLoader(Filter.class))
                .run(context -> assertThat(context).doesNotHaveBean(EliotRequestFilter.class));
    }

    @Test
    void eliotWebEnabledFalseTurnsTheFilterOff() {
        web.withPropertyValues("eliot.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EliotRequestFilter.class));
    }

    @Test
    void eliotEnabledFalseTurnsEverythingOff() {
        web.withPropertyValues("eliot.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EliotRequestFilter.class)
                        .doesNotHaveBean(EliotClientHttpRequestInterceptor.class));
    }

    @Test
    void anApplicationFilterBeanReplacesOurs() {
        web.withUserConfiguration(OwnFilter.class)
                .run(context -> assertThat(context)
                        .getBean(EliotRequestFilter.class)
                        .isSameAs(context.getBean(OwnFilter.class).filter));
    }

    @Test
    void anExcludePathThatIsNotAPatternFailsStartupNamingTheProperty() {
        web.withPropertyValues("eliot.web.exclude-paths=/a/**/b/{x").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof EliotConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isNotNull();
            EliotConfigurationException configuration = (EliotConfigurationException) failure;
            assertThat(configuration.getProperty()).isEqualTo("eliot.web.exclude-paths");
            assertThat(configuration.getProblem()).startsWith("'/a/**/b/{x' is not a path pattern: ");
        });
    }

    @Test
    void outboundClientsGetTheInterceptorThroughBothCustomizers() {
        plain.run(context -> {
            assertThat(context).hasSingleBean(EliotClientHttpRequestInterceptor.class);
            assertThat(context).hasBean("eliotRestClientCustomizer").hasBean("eliotRestTemplateCustomizer");
            assertThat(context.getBeansOfType(RestClientCustomizer.class)).containsKey("eliotRestClientCustomizer");
            assertThat(context.getBeansOfType(RestTemplateCustomizer.class)).containsKey("eliotRestTemplateCustomizer");
        });
    }

    @Test
    void webClientsGetTheExchangeFilterThroughTheirCustomizer() {
        plain.run(context ->
                assertThat(context.getBeansOfType(WebClientCustomizer.class)).containsKey("eliotWebClientCustomizer"));
    }

    @Test
    void withoutBootsRestClientSupportOnlyWebClientsAreCustomized() {
        plain.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class, RestTemplateCustomizer.class))
                .run(context -> assertThat(context)
                        .hasBean("eliotWebClientCustomizer")
                        .doesNotHaveBean("eliotRestClientCustomizer")
                        .doesNotHaveBean("eliotRestTemplateCustomizer"));
    }

    @Test
    void withoutWebFluxThereIsNoWebClientCustomizer() {
        plain.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
                .run(context -> assertThat(context)
                        .hasBean("eliotRestClientCustomizer")
                        .doesNotHaveBean("eliotWebClientCustomizer"));
    }

    @Test
    void eliotWebClientEnabledFalseTurnsOutboundPropagationOff() {
        plain.withPropertyValues("eliot.web.client.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EliotClientHttpRequestInterceptor.class)
                        .doesNotHaveBean("eliotRestClientCustomizer")
                        .doesNotHaveBean("eliotWebClientCustomizer"));
    }

    @Test
    void propertiesBindUnderEliotWeb() {
        web.withPropertyValues(
                        "eliot.web.header-name=x-trace-task",
                        "eliot.web.action-type=api:request",
                        "eliot.web.response-header=false",
                        "eliot.web.exclude-paths=/assets/**",
                        "eliot.web.client.include-query=true")
                .run(context -> {
                    EliotWebProperties properties = context.getBean(EliotWebProperties.class);
                    assertThat(properties.getHeaderName()).isEqualTo("x-trace-task");
                    assertThat(properties.getActionType()).isEqualTo("api:request");
                    assertThat(properties.isResponseHeader()).isFalse();
                    assertThat(properties.getExcludePaths()).containsExactly("/assets/**");
                    assertThat(properties.getClient().isIncludeQuery()).isTrue();
                });
    }

    @Test
    void propertiesAreMappedOntoTheFiltersSetters() {
        web.withPropertyValues(
                        "eliot.web.header-name=x-trace-task",
                        "eliot.web.action-type=api:request",
                        "eliot.web.response-header=false",
                        "eliot.web.response-header-name=x-task",
                        "eliot.web.exclude-paths=/assets/**,/ping")
                .run(context -> {
                    EliotRequestFilter filter = context.getBean(EliotRequestFilter.class);
                    assertThat(filter.getHeaderName()).isEqualTo("x-trace-task");
                    assertThat(filter.getActionType()).isEqualTo("api:request");
                    assertThat(filter.isResponseHeader()).isFalse();
                    assertThat(filter.getResponseHeaderName()).isEqualTo("x-task");
                    assertThat(filter.getExcludePaths()).containsExactly("/assets/**", "/ping");
                });
    }

    @Test
    void byDefaultTheFilterSkipsHealthChecksAndTheFavicon() {
        web.run(context -> assertThat(context.getBean(EliotRequestFilter.class).getExcludePaths())
                .containsExactly("/actuator/health/**", "/actuator/eliot/**", "/favicon.ico"));
    }

    @Test
    void theStartupCheckNamesClientBeansBuiltByHandWithTheLineThatFixesThem() {
        plain.withConfiguration(AutoConfigurations.of(
                        RestClientAutoConfiguration.class,
                        RestTemplateAutoConfiguration.class,
                        WebClientAutoConfiguration.class))
                .withUserConfiguration(Clients.class)
                .run(context -> assertThat(
                                context.getBean(ClientPropagationCheck.class).problems())
                        .containsExactly(
                                "RestClient bean 'handBuiltRestClient' was not built from Boot's RestClient.Builder:"
                                        + " add .requestInterceptor(new EliotClientHttpRequestInterceptor()) to its builder",
                                "RestTemplate bean 'handBuiltRestTemplate' was not built from Boot's"
                                        + " RestTemplateBuilder: call restTemplate.getInterceptors().add(new"
                                        + " EliotClientHttpRequestInterceptor())",
                                "WebClient bean 'handBuiltWebClient' was not built from Boot's WebClient.Builder:"
                                        + " add .filter(new EliotExchangeFilterFunction()) to its builder"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Clients {
        @Bean
        RestClient handBuiltRestClient() {
            return RestClient.builder().build();
        }

        @Bean
        RestClient bootRestClient(RestClient.Builder builder) {
            return builder.build();
        }

        @Bean
        RestClient fixedRestClient() {
            return RestClient.builder()
                    .requestInterceptor(new EliotClientHttpRequestInterceptor())
                    .build();
        }

        @Bean
        RestTemplate handBuiltRestTemplate() {
            return new RestTemplate();
        }

        @Bean
        RestTemplate bootRestTemplate(RestTemplateBuilder builder) {
            return builder.build();
        }

        @Bean
        WebClient handBuiltWebClient() {
            return WebClient.builder().build();
        }

        @Bean
        WebClient bootWebClient(WebClient.Builder builder) {
            return builder.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        final EliotRequestFilter filter = new EliotRequestFilter();

        @Bean
        EliotRequestFilter myFilter() {
            return filter;
        }
    }
}
