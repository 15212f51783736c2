package io.eliot.spring.web;

import io.eliot.aspects.EliotAspect;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A small servlet application with the {@link WebTestHandlers}. Boot (in test scope only)
 * runs the server; Eliot is set up by hand, as a Spring application without the starter would:
 * the filter registered with its setters, the aspect as a bean, the task decorator for {@code @Async}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({WebTestHandlers.Handlers.class, WebTestHandlers.AsyncWork.class, WebTestHandlers.Pricing.class})
class WebTestApplication {

    /** Receives what the servers log (tasks a request started: they belong to no test). */
    static final MemoryDestination MEMORY = new MemoryDestination();

    static {
        Eliot.addDestination(MEMORY);
    }

    @Bean
    MemoryDestination memoryDestination() {
        return MEMORY;
    }

    @Bean
    FilterRegistrationBean<EliotRequestFilter> eliotRequestFilter() {
        EliotRequestFilter filter = new EliotRequestFilter();
        filter.setExcludePaths(List.of("/static/**"));
        FilterRegistrationBean<EliotRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    TaskDecorator eliotTaskDecorator() {
        return Eliot::preserveForExecutor;
    }

    @Bean
    EliotAspect eliotAspect() {
        return new EliotAspect();
    }
}
