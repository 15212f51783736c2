package io.eliot.spring.boot.web;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.spring.web.WebTestHandlers;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableAsync;

/** A small servlet application, auto-configured, with eliot-spring-web's test handlers. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({WebTestHandlers.Handlers.class, WebTestHandlers.AsyncWork.class, WebTestHandlers.Pricing.class})
class WebTestApplication {

    @Bean
    MemoryDestination memoryDestination() {
        return new MemoryDestination();
    }
}
