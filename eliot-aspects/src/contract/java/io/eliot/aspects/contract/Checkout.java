package io.eliot.aspects.contract;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Eliot;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Calls into {@link Shop}: nested annotated calls across two objects. */
public class Checkout {

    private final Shop shop;

    public Checkout(Shop shop) {
        this.shop = shop;
    }

    @LoggedAction("shop:checkout")
    public int checkout(String sku, int quantity) {
        shop.validate(quantity);
        return shop.price(sku, quantity);
    }

    /** Reserves, then prices at subscription, on the subscribing thread. */
    @LoggedAction("shop:checkout_later")
    public Mono<Integer> checkoutLater(String sku, int quantity) {
        return shop.reserve(sku).then(Mono.fromCallable(() -> shop.price(sku, quantity)));
    }

    /** Reserves, then prices and logs on Reactor's parallel and bounded-elastic threads. */
    @LoggedAction("shop:checkout_hopping")
    public Mono<Integer> checkoutHopping(String sku, int quantity) {
        return shop.reserve(sku)
                .publishOn(Schedulers.parallel())
                .then(Mono.fromCallable(() -> shop.price(sku, quantity)).subscribeOn(Schedulers.boundedElastic()))
                .publishOn(Schedulers.parallel())
                .map(price -> {
                    Eliot.log("shop:priced", "thread", Thread.currentThread().getName());
                    return price;
                });
    }
}
