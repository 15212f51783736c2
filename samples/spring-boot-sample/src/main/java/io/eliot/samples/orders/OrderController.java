package io.eliot.samples.orders;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP API: POST /orders, GET /orders/{id}, and the pricing endpoint GET /prices/{sku}. */
@RestController
public class OrderController {

    /** What a client sends to create an order. */
    public record NewOrder(String sku, int quantity) {}

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order create(@RequestBody NewOrder order) {
        return orders.create(order.sku(), order.quantity());
    }

    @GetMapping("/orders/{id}")
    public Order find(@PathVariable long id) {
        return orders.find(id);
    }

    @GetMapping("/prices/{sku}")
    public long price(@PathVariable String sku) {
        return 250L + sku.length() * 10L;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public String badRequest(IllegalArgumentException e) {
        return e.getMessage();
    }
}
