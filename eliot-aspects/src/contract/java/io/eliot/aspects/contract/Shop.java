package io.eliot.aspects.contract;

import io.eliot.annotations.FieldName;
import io.eliot.annotations.LogMessage;
import io.eliot.annotations.LoggedAction;
import io.eliot.annotations.NotLogged;
import io.eliot.annotations.Redacted;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Annotated methods exercised by every weaving mode (see {@link WeavingContract}). */
public class Shop {

    @LoggedAction("shop:price")
    public int price(String sku, int quantity) {
        return quantity * 250;
    }

    @LoggedAction("shop:load")
    public String load(String path) throws IOException {
        throw new FileNotFoundException(path);
    }

    @LoggedAction("shop:rethrow")
    public void rethrow(@NotLogged Exception exception) throws Exception {
        throw exception;
    }

    @LoggedAction
    public void validate(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("negative quantity: " + quantity);
        }
    }

    @LoggedAction(value = "shop:find", successOn = NoSuchElementException.class)
    public String find(String sku) {
        throw new NoSuchElementException("no product " + sku);
    }

    @LoggedAction("shop:login")
    public boolean login(String user, @NotLogged String password) {
        return password.length() > 3;
    }

    @LoggedAction("shop:reset")
    @Redacted
    public String resetPassword(String user, @Redacted String oneTimeCode) {
        return "token-for-" + oneTimeCode;
    }

    @LoggedAction(value = "shop:note", resultField = "length")
    public int note(String text) {
        return text.length();
    }

    @LoggedAction(
            value = "shop:quote",
            args = {"sku"},
            logResult = false)
    public int quote(String sku, int quantity) {
        return quantity;
    }

    @LoggedAction(value = "shop:audit", newTask = true)
    public void audit(String reason) {}

    @LogMessage("shop:visited")
    public void visit(@FieldName("page_name") String page) {}

    @LoggedAction("shop:price_later")
    public CompletableFuture<Integer> priceLater(int quantity, @NotLogged Executor executor) {
        return CompletableFuture.supplyAsync(
                () -> {
                    if (quantity < 0) {
                        throw new IllegalArgumentException("negative quantity: " + quantity);
                    }
                    return quantity * 250;
                },
                executor);
    }

    @LoggedAction("shop:reserve")
    public Mono<String> reserve(String sku) {
        return sku.isEmpty() ? Mono.error(new IllegalStateException("no sku")) : Mono.just("reserved " + sku);
    }

    @LoggedAction("shop:list")
    public Flux<Integer> list(int count) {
        return Flux.range(1, count);
    }

    @LoggedAction(value = "shop:lookup", successOn = NoSuchElementException.class)
    public Mono<String> lookup(String sku) {
        return Mono.error(new NoSuchElementException("no product " + sku));
    }

    @LoggedAction("shop:reserve_now")
    public Mono<String> reserveNow(String sku) {
        if (sku.isEmpty()) {
            throw new IllegalArgumentException("no sku");
        }
        return Mono.just("reserved " + sku);
    }

    @LoggedAction("shop:ticks")
    public Flux<Long> ticks() {
        return Flux.interval(Duration.ofMillis(1));
    }

    @LoggedAction("shop:factorial")
    public long factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    @LoggedAction("shop:total")
    public static int total(int a, int b) {
        return a + b;
    }

    /** Not annotated: calls the private annotated method. */
    public int discounted(int price) {
        return discount(price);
    }

    @LoggedAction("shop:discount")
    private int discount(int price) {
        return price - price / 10;
    }
}
