package io.eliot.aspects.contract;

import io.eliot.annotations.LoggedAction;

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
}
