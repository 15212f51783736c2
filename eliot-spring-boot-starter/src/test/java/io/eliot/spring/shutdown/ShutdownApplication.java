package io.eliot.spring.shutdown;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Eliot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Run by {@link SpringShutdownUnderLoadTest} in a child JVM: a web application logging through the
 * starter. {@code POST /orders} places an order in an annotated service; with {@code hold=true} the
 * request waits until the application starts shutting down, then keeps logging, so that it is
 * answered during the web server's graceful shutdown. Prints its port and how many requests are held
 * on standard output.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ShutdownApplication {

    /** Steps a held request logs once the shutdown has begun. */
    static final int STEPS_AFTER_SHUTDOWN = 20;

    private static final CountDownLatch SHUTTING_DOWN = new CountDownLatch(1);
    private static final AtomicInteger HELD = new AtomicInteger();
    private static volatile Thread eliotShutdownHook;

    public static void main(String[] args) {
        SpringApplication.run(ShutdownApplication.class, args);
    }

    /** The annotated service. */
    public static class OrderService {
        @LoggedAction("orders:place")
        public String place(String sku, boolean hold) throws InterruptedException {
            Eliot.log("orders:priced", "sku", sku, "total", 2.5);
            if (hold) {
                System.out.println("held " + HELD.incrementAndGet());
                System.out.flush();
                SHUTTING_DOWN.await(60, TimeUnit.SECONDS);
                awaitEliotShutdownHook();
                for (int step = 1; step <= STEPS_AFTER_SHUTDOWN; step++) {
                    Eliot.log("orders:step", "step", step);
                }
            }
            return "order-" + sku;
        }
    }

    /**
     * Waits until Eliot's own JVM shutdown hook, if it runs, has finished, so that a held request
     * logs after whatever that hook did: the race between that hook and the graceful shutdown is
     * decided the same way on every run. The JVM starts every hook before it waits for any.
     */
    private static void awaitEliotShutdownHook() throws InterruptedException {
        Thread hook = eliotShutdownHook;
        if (hook == null) {
            return;
        }
        while (hook.getState() == Thread.State.NEW) {
            Thread.onSpinWait();
        }
        hook.join(TimeUnit.SECONDS.toMillis(60));
    }

    /** The registered JVM shutdown hook named {@code eliot-shutdown} (needs {@code --add-opens java.base/java.lang}). */
    private static Thread findEliotShutdownHook() {
        try {
            java.lang.reflect.Field hooks =
                    Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
            hooks.setAccessible(true);
            synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
                for (Object hook : ((java.util.Map<?, ?>) hooks.get(null)).keySet()) {
                    if (((Thread) hook).getName().equals("eliot-shutdown")) {
                        return (Thread) hook;
                    }
                }
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    OrderService orderService() {
        return new OrderService();
    }

    @RestController
    static class OrderController {
        private final OrderService orders;

        OrderController(OrderService orders) {
            this.orders = orders;
        }

        @PostMapping("/orders")
        @ResponseStatus(HttpStatus.CREATED)
        String place(@RequestParam String sku, @RequestParam(defaultValue = "false") boolean hold)
                throws InterruptedException {
            return orders.place(sku, hold);
        }
    }

    @Bean
    ShutdownSignals shutdownSignals() {
        return new ShutdownSignals();
    }

    /** Says on standard output which port the server took; opens the held requests at shutdown. */
    static class ShutdownSignals {
        @EventListener
        public void started(WebServerInitializedEvent event) {
            eliotShutdownHook = findEliotShutdownHook();
            System.out.println("port " + event.getWebServer().getPort());
            System.out.flush();
        }

        @EventListener
        public void closing(ContextClosedEvent event) {
            SHUTTING_DOWN.countDown();
        }
    }
}
