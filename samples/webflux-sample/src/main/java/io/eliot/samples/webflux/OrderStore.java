package io.eliot.samples.webflux;

import io.eliot.annotations.LoggedAction;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Orders kept in memory. Saving stands in for a blocking driver, so it runs on Reactor's
 * boundedElastic scheduler ({@code subscribeOn}): a thread hop the action follows.
 */
@Repository
public class OrderStore {

    private final Map<Long, Order> orders = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @LoggedAction(value = "store:insert_order", logResult = false)
    public Mono<Order> insert(String sku, int quantity, long totalCents) {
        return Mono.fromCallable(() -> {
                    Order order = new Order(ids.incrementAndGet(), sku, quantity, totalCents);
                    orders.put(order.id(), order);
                    return order;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    @LoggedAction(value = "store:find_order", logResult = false)
    public Mono<Order> find(long id) {
        return Mono.justOrEmpty(orders.get(id));
    }

    /** Every order, in id order. */
    public Flux<Order> all() {
        return Flux.fromIterable(orders.values());
    }
}
