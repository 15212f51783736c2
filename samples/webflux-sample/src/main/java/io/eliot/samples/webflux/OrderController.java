package io.eliot.samples.webflux;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The HTTP API: POST /orders, GET /orders, GET /orders/{id}, and the pricing endpoint GET /prices/{sku}. */
@RestController
public class OrderController {

    /** What a client sends to create an order. */
    public record NewOrder(String sku, int quantity) {}

    private static final Map<String, Long> PRICES = Map.of("A-1", 280L, "B-2", 1250L);

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Order> create(@RequestBody NewOrder order) {
        return orders.create(order.sku(), order.quantity());
    }

    @GetMapping("/orders")
    public Flux<Order> list() {
        return orders.list();
    }

    @GetMapping("/orders/{id}")
    public Mono<Order> find(@PathVariable long id) {
        return orders.find(id);
    }

    @GetMapping("/prices/{sku}")
    public Mono<Long> price(@PathVariable String sku) {
        Long cents = PRICES.get(sku);
        return cents == null
                ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no price for " + sku))
                : Mono.just(cents);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public String badRequest(IllegalArgumentException e) {
        return e.getMessage();
    }
}
