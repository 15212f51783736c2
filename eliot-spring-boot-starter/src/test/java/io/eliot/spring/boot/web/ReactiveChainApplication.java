package io.eliot.spring.boot.web;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.reactor.EliotReactor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A reactive application (run with {@code spring.main.web-application-type=reactive}) whose {@code
 * /{style}/order/{item}} calls an annotated service that calls {@code /{style}/stock/{item}} of the
 * same application through a {@code WebClient} from Boot's {@code WebClient.Builder}, with {@code
 * subscribeOn}/{@code publishOn} thread hops in between and a message after each hop. Style {@code
 * plain} logs with a plain {@code Eliot.log} (nested only with automatic context propagation);
 * {@code explicit} makes the Reactor Context's action current with {@link EliotReactor#enter}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ReactiveChainApplication.Orders.class, ReactiveChainApplication.Handlers.class})
class ReactiveChainApplication {

    @Bean
    MemoryDestination memoryDestination() {
        return new MemoryDestination();
    }

    /**
     * {@code value}, once {@code type} is logged with the thread's name: plainly, or when {@code
     * explicit}, inside the action the Reactor Context holds.
     */
    static <T> Mono<T> logged(T value, String type, boolean explicit) {
        if (!explicit) {
            Eliot.log(type, "thread", Thread.currentThread().getName());
            return Mono.just(value);
        }
        return Mono.deferContextual(context -> {
            try (ContextScope ignored = EliotReactor.enter(context)) {
                Eliot.log(type, "thread", Thread.currentThread().getName());
            }
            return Mono.just(value);
        });
    }

    /** The annotated reactive service (a Spring AOP proxy, woven by the starter). */
    public static class Orders {

        private final WebClient client;
        private final Environment environment;

        Orders(WebClient.Builder clients, Environment environment) {
            this.client = clients.build();
            this.environment = environment;
        }

        /** Prices {@code item} on a parallel thread, then asks this application's stock endpoint. */
        @LoggedAction(value = "test:order", args = "item")
        public Mono<String> order(String item, String style) {
            boolean explicit = style.equals("explicit");
            String stock = "http://localhost:" + environment.getProperty("local.server.port") + "/{style}/stock/{item}";
            return Mono.just(item)
                    .subscribeOn(Schedulers.boundedElastic())
                    .publishOn(Schedulers.parallel())
                    .flatMap(i -> logged(i, "test:priced", explicit))
                    .flatMap(i -> client.get().uri(stock, style, i).retrieve().bodyToMono(String.class))
                    .publishOn(Schedulers.parallel())
                    .flatMap(count -> logged(count + " in stock", "test:stock_received", explicit));
        }

        /** The shelves holding {@code item}, each logged on a parallel thread. */
        @LoggedAction(value = "test:shelves", args = "item")
        public Flux<String> shelves(String item, String style) {
            boolean explicit = style.equals("explicit");
            return Flux.just("a", "b")
                    .subscribeOn(Schedulers.boundedElastic())
                    .publishOn(Schedulers.parallel())
                    .concatMap(shelf -> logged(shelf, "test:shelf", explicit));
        }
    }

    @RestController
    static class Handlers {

        private final Orders orders;

        Handlers(Orders orders) {
            this.orders = orders;
        }

        @GetMapping("/{style}/order/{item}")
        Mono<String> order(@PathVariable String style, @PathVariable String item) {
            return orders.order(item, style)
                    .publishOn(Schedulers.parallel())
                    .flatMap(answer -> logged(answer, "test:answered", style.equals("explicit")));
        }

        @GetMapping("/{style}/stock/{item}")
        Mono<String> stock(@PathVariable String style, @PathVariable String item) {
            return orders.shelves(item, style).count().map(String::valueOf);
        }
    }
}
