package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.spring.internal.ShutdownOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Who closes Eliot's destinations at JVM shutdown: the context when Spring Boot's hook closes it. */
class ShutdownOwnershipTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(EliotAutoConfiguration.class)
    static class App {}

    @Test
    void aContextClosedBySpringBootsShutdownHookTakesClosingOverFromEliotsHook() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run("--eliot.destinations.out.type=stdout")) {
            assertThat(context.getBean(ShutdownOrder.class).ownedByContext()).isTrue();
        }
    }

    @Test
    void withoutSpringBootsShutdownHookEliotsHookKeepsClosing() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--eliot.destinations.out.type=stdout")) {
            assertThat(context.getBean(ShutdownOrder.class).ownedByContext()).isFalse();
        }
    }

    @Test
    void aContextNoSpringApplicationStartedLeavesClosingToEliotsHook() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(ShutdownOrder.class).ownedByContext())
                        .isFalse());
    }
}
