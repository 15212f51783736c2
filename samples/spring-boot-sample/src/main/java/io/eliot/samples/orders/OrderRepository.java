package io.eliot.samples.orders;

import io.eliot.annotations.LoggedAction;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Orders in the embedded database (schema.sql). */
@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @LoggedAction(value = "db:insert_order", logResult = false)
    public Order insert(String sku, int quantity, long totalCents) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO orders (sku, quantity, total_cents) VALUES (?, ?, ?)")
                .params(sku, quantity, totalCents)
                .update(keys, "id");
        return new Order(keys.getKey().longValue(), sku, quantity, totalCents);
    }

    @LoggedAction(value = "db:find_order", logResult = false)
    public Optional<Order> find(long id) {
        return jdbc.sql("SELECT id, sku, quantity, total_cents FROM orders WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Order(
                        rs.getLong("id"), rs.getString("sku"), rs.getInt("quantity"), rs.getLong("total_cents")))
                .optional();
    }
}
