package io.eliot.samples.orders;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Eliot;
import org.springframework.stereotype.Service;

/** The business logic: price, store, find. */
@Service
public class OrderService {

    private final OrderRepository repository;
    private final PricingClient pricing;

    public OrderService(OrderRepository repository, PricingClient pricing) {
        this.repository = repository;
        this.pricing = pricing;
    }

    @LoggedAction("orders:create")
    public Order create(String sku, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        long total = pricing.unitPriceCents(sku) * quantity;
        Eliot.log("orders:priced", "sku", sku, "total_cents", total);
        return repository.insert(sku, quantity, total);
    }

    @LoggedAction(value = "orders:find", successOn = OrderNotFoundException.class)
    public Order find(long id) {
        return repository.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
