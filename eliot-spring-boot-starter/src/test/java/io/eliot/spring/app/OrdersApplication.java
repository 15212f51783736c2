package io.eliot.spring.app;

import io.eliot.annotations.LoggedAction;
import io.eliot.annotations.NotLogged;
import io.eliot.core.Eliot;
import java.sql.SQLException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A small application configured only by eliot-app.yml and the starter. */
@SpringBootApplication(proxyBeanMethods = false)
public class OrdersApplication {

    /** The annotated service. */
    public static class OrderService {
        @LoggedAction("orders:create")
        public String create(String sku, int quantity, @NotLogged String cardNumber) {
            Eliot.log("orders:priced", "total", quantity * 2.5);
            return "order-" + sku;
        }

        @LoggedAction("orders:load")
        public String load(long id) throws SQLException {
            throw new SQLException("no table orders", "42P01", 7);
        }
    }

    @Bean
    OrderService orderService() {
        return new OrderService();
    }
}
