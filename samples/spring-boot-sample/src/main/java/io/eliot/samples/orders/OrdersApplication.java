package io.eliot.samples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small orders service: create and look up orders, price them by calling its own pricing
 * endpoint over HTTP, store them in an embedded H2 database. Every request, service call and
 * outbound call is an Eliot action; see {@code application.yml} for the logging setup.
 *
 * <p>Run: {@code java -jar samples/spring-boot-sample/target/spring-boot-sample.jar
 * --server.port=8080 --eliot.destinations.log.file.path=orders.log}.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
