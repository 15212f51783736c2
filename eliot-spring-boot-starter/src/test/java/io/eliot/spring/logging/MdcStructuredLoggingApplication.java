package io.eliot.spring.logging;

import io.eliot.core.Eliot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Run by {@link StructuredLoggingMdcTest} in a child JVM with no logback configuration file, so
 * Spring Boot configures logging itself (structured, from {@code logging.structured.format.*}). A
 * controller logging with plain SLF4J, no Eliot code around the log calls but one nested action.
 * Prints its port on standard output.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class MdcStructuredLoggingApplication {

    public static void main(String[] args) {
        SpringApplication.run(MdcStructuredLoggingApplication.class, args);
    }

    @RestController
    static class Shop {
        private static final Logger log = LoggerFactory.getLogger(Shop.class);

        @GetMapping("/stock")
        String stock() {
            log.info("checking stock");
            Eliot.startAction("shop:reserve").run(() -> log.info("reserving"));
            return "reserved";
        }

        @EventListener
        public void started(WebServerInitializedEvent event) {
            System.out.println("port " + event.getWebServer().getPort());
            System.out.flush();
        }
    }
}
