package io.eliot.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small reactive orders service on Reactor Netty: create, look up and list orders, price them by
 * calling its own pricing endpoint through WebClient, keep them in memory. Every request, service
 * call and outbound call is an Eliot action, across the thread hops of the reactive pipelines; see
 * {@code application.yml} for the logging setup.
 *
 * <p>Run: {@code java -jar samples/webflux-sample/target/webflux-sample.jar --server.port=8080
 * --eliot.destinations.log.file.path=orders.log}.
 */
@SpringBootApplication
public class WebFluxOrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebFluxOrdersApplication.class, args);
    }
}
