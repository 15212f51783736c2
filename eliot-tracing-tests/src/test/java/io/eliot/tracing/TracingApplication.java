package io.eliot.tracing;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Message;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An ordinary servlet application: a controller calling a {@code @LoggedAction} service that calls
 * another one (Spring AOP proxies), a message with nested fields, and every 7th order declined.
 */
@SpringBootApplication
public class TracingApplication {

    /** Every 7th order is declined: its actions fail and the request answers 422. */
    static boolean declined(int id) {
        return id % 7 == 0;
    }

    @RestController
    static class Orders {
        private final Shop shop;

        Orders(Shop shop) {
            this.shop = shop;
        }

        @GetMapping("/orders/{id}")
        String place(@PathVariable int id) {
            return "placed " + shop.place(id);
        }

        @ExceptionHandler(IllegalStateException.class)
        ResponseEntity<String> declined(IllegalStateException e) {
            return ResponseEntity.status(422).body(e.getMessage());
        }
    }

    @Service
    static class Shop {
        private final Payments payments;

        Shop(Payments payments) {
            this.payments = payments;
        }

        @LoggedAction("shop:place")
        public long place(int id) {
            Message.log(
                    "order:received",
                    "order",
                    Map.of(
                            "id",
                            id,
                            "customer",
                            Map.of("name", "ann", "vip", id % 2 == 0),
                            "lines",
                            List.of(1, 2, 3),
                            "tags",
                            List.of("a", "b")));
            return payments.charge(id, 100L * id);
        }
    }

    @Service
    static class Payments {
        @LoggedAction("payment:charge")
        public long charge(int id, long cents) {
            if (declined(id)) {
                throw new IllegalStateException("card declined for order " + id);
            }
            Message.log("payment:authorized", "cents", cents);
            return cents;
        }
    }
}
