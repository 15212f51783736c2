package io.eliot.samples.webflux;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Eliot;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The business logic: price, store, find, list. Every method returns at once; the work runs on subscription. */
@Service
public class OrderService {

    private final OrderStore store;
    private final PricingClient pricing;

    public OrderService(OrderStore store, PricingClient pricing) {
        this.store = store;
        this.pricing = pricing;
    }

    @LoggedAction("orders:create")
    public Mono<Order> create(String sku, int quantity) {
        if (quantity <= 0) {
            return Mono.error(new IllegalArgumentException("quantity must be positive, was " + quantity));
        }
        return pricing.unitPriceCents(sku)
                // The price arrives on a Netty thread; the rest runs on the parallel scheduler. With
                // spring.reactor.context-propagation=auto, orders:create is current there too.
                .publishOn(Schedulers.parallel())
                .flatMap(unit -> {
                    long total = unit * quantity;
                    Eliot.log("orders:priced", "sku", sku, "total_cents", total);
                    return store.insert(sku, quantity, total);
                });
    }

    @LoggedAction(value = "orders:find", successOn = OrderNotFoundException.class)
    public Mono<Order> find(long id) {
        return store.find(id).switchIfEmpty(Mono.error(() -> new OrderNotFoundException(id)));
    }

    /** Its succeeded message says how many orders were sent ({@code count}). */
    @LoggedAction("orders:list")
    public Flux<Order> list() {
        return store.all();
    }
}
