package io.eliot.spring.web;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.reactor.EliotReactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A small WebFlux application (run with {@code spring.main.web-application-type=reactive}) on
 * Reactor Netty, or on Tomcat with {@value #SERVER}{@code =tomcat}: both are on the test class path
 * (Tomcat for the servlet tests), so the server is chosen here, not by Boot. Boot (in test scope
 * only) runs the server; Eliot is set up by hand: the {@link EliotHttpHandlerDecorator} as a bean,
 * which Boot's {@code WebHttpHandlerBuilder} applies both as decorator and as filter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({WebFluxTestApplication.Handlers.class})
class WebFluxTestApplication {

    /** Receives what the server logs (tasks a request started: they belong to no test). */
    static final MemoryDestination MEMORY = new MemoryDestination();

    static {
        Eliot.addDestination(MEMORY);
    }

    /** The property choosing the server: {@code netty} (the default) or {@code tomcat}. */
    static final String SERVER = "eliot.test.reactive-server";

    @Bean
    @ConditionalOnProperty(name = SERVER, havingValue = "netty", matchIfMissing = true)
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
        return new NettyReactiveWebServerFactory();
    }

    @Bean
    @ConditionalOnProperty(name = SERVER, havingValue = "tomcat")
    TomcatReactiveWebServerFactory tomcatReactiveWebServerFactory() {
        return new TomcatReactiveWebServerFactory();
    }

    @Bean
    EliotHttpHandlerDecorator eliotHttpHandlerDecorator() {
        EliotHttpHandlerDecorator decorator = new EliotHttpHandlerDecorator();
        decorator.setExcludePaths(List.of("/static/**"));
        return decorator;
    }

    /** Raised by {@code /handled}, answered 503 by {@link #teapotHandler()}. */
    static final class HandledException extends RuntimeException {
        HandledException(String message) {
            super(message);
        }
    }

    /** A {@code WebExceptionHandler} ahead of Boot's: answers {@link HandledException} with 503. */
    @Bean
    @Order(-2)
    WebExceptionHandler teapotHandler() {
        return (exchange, ex) -> {
            if (!(ex instanceof HandledException)) {
                return Mono.error(ex);
            }
            exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            var body = exchange.getResponse().bufferFactory().wrap("handled".getBytes(StandardCharsets.UTF_8));
            return exchange.getResponse().writeWith(Mono.just(body));
        };
    }

    /** Fails requests to {@code /filter-error} before any handler runs. */
    @Bean
    @Order(0)
    WebFilter failingFilter() {
        return (ServerWebExchange exchange, WebFilterChain chain) ->
                exchange.getRequest().getPath().value().equals("/filter-error")
                        ? Mono.error(new IllegalStateException("refused by a filter"))
                        : chain.filter(exchange);
    }

    @RestController
    static class Handlers {

        @GetMapping("/hello/{name}")
        Mono<String> hello(@PathVariable String name) {
            Eliot.log("test:greeting", "name", name);
            return Mono.just("hello " + name);
        }

        /** Logs after a thread hop, the action read from the Reactor Context (no automatic propagation). */
        @GetMapping("/hop/{name}")
        Mono<String> hop(@PathVariable String name) {
            return Mono.deferContextual(context -> Mono.just(name)
                    .publishOn(Schedulers.parallel())
                    .map(n -> {
                        try (ContextScope ignored = EliotReactor.enter(context)) {
                            Eliot.log(
                                    "test:after_hop",
                                    "thread",
                                    Thread.currentThread().getName());
                        }
                        return "hopped " + n;
                    }));
        }

        /**
         * Logs after a thread hop with a plain {@code Eliot.log}, naming the action current there:
         * nested only with {@code Hooks.enableAutomaticContextPropagation()}.
         */
        @GetMapping("/plain-hop/{name}")
        Mono<String> plainHop(@PathVariable String name) {
            return Mono.just(name).publishOn(Schedulers.parallel()).map(n -> {
                Action current = Eliot.currentAction().orElse(null);
                Eliot.log(
                        "test:after_hop",
                        "thread",
                        Thread.currentThread().getName(),
                        "current_task",
                        current == null ? "none" : current.taskUuid(),
                        "current_level",
                        current == null ? "none" : current.taskLevel().toPath());
                return "hopped " + n;
            });
        }

        @GetMapping("/fuzz/{n}")
        Mono<String> fuzz(@PathVariable int n) {
            return Mono.just("ok");
        }

        @GetMapping("/static/logo.txt")
        Mono<String> staticResource() {
            return Mono.just("logo");
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            throw new IllegalStateException("boom");
        }

        @GetMapping("/boom-later")
        Mono<String> boomLater() {
            return Mono.delay(Duration.ofMillis(20)).then(Mono.error(new IllegalArgumentException("boom later")));
        }

        @GetMapping("/handled")
        Mono<String> handled() {
            return Mono.error(new HandledException("answered by a WebExceptionHandler"));
        }

        @GetMapping("/maintenance")
        Mono<String> maintenance() {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "maintenance"));
        }

        @GetMapping("/unavailable")
        Mono<ResponseEntity<String>> unavailable() {
            return Mono.just(ResponseEntity.status(503).body("come back later"));
        }

        @GetMapping("/teapot")
        Mono<ResponseEntity<String>> teapot() {
            return Mono.just(ResponseEntity.status(418).body("short and stout"));
        }

        @GetMapping("/load/{n}")
        Mono<String> load(@PathVariable int n) {
            Eliot.log("test:load", "n", n);
            return Mono.just("ok " + n);
        }

        /** Streams a line every 50 ms for 10 s: the cancellation test's client leaves early. */
        @GetMapping(value = "/slow-stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<String> slowStream() {
            return Flux.range(0, 200).delayElements(Duration.ofMillis(50)).map(i -> "chunk " + i);
        }
    }
}
