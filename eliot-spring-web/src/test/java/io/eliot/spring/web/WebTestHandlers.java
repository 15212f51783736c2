package io.eliot.spring.web;

import io.eliot.core.Eliot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The handlers of the web test applications (this module's, set up by hand, and the starter's,
 * auto-configured), covering the filter's cases: {@code @Import} the three nested beans.
 */
public final class WebTestHandlers {

    private WebTestHandlers() {}

    /** Work run by Spring's task executor. */
    @Service
    public static class AsyncWork {
        @Async
        public CompletableFuture<String> work() {
            Eliot.log("test:async_work", "thread", Thread.currentThread().getName());
            return CompletableFuture.completedFuture("done");
        }
    }

    /** A bean whose method the Spring AOP aspect logs. */
    @Service
    public static class Pricing {
        @io.eliot.annotations.LoggedAction("shop:price")
        public int price(String item) {
            return 7;
        }
    }

    @RestController
    public static class Handlers {
        private static final org.slf4j.Logger SLF4J = org.slf4j.LoggerFactory.getLogger("test.shop");
        private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

        private final AsyncWork asyncWork;
        private final Pricing pricing;

        Handlers(AsyncWork asyncWork, Pricing pricing) {
            this.asyncWork = asyncWork;
            this.pricing = pricing;
        }

        @GetMapping("/price/{item}")
        int price(@PathVariable String item) {
            return pricing.price(item);
        }

        @GetMapping("/hello/{name}")
        String hello(@PathVariable String name) {
            Eliot.log("test:greeting", "name", name);
            return "hello " + name;
        }

        @GetMapping("/slf4j")
        String slf4j() {
            SLF4J.atInfo().addKeyValue("item", "tea").log("stock low for {}", "tea");
            SLF4J.warn("could not reserve", new IllegalStateException("reserved elsewhere"));
            SLF4J.debug("below the threshold");
            return "logged";
        }

        @GetMapping("/fuzz/{n}")
        String fuzz(@PathVariable int n) {
            return "ok";
        }

        @GetMapping("/static/logo.txt")
        String staticResource() {
            return "logo";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("boom");
        }

        @GetMapping("/maintenance")
        String maintenance() {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "maintenance");
        }

        @GetMapping("/unavailable")
        ResponseEntity<String> unavailable() {
            return ResponseEntity.status(503).body("come back later");
        }

        @GetMapping("/deferred")
        DeferredResult<String> deferred() {
            DeferredResult<String> result = new DeferredResult<>();
            LATER.schedule(
                    Eliot.preserveContext(() -> {
                        Eliot.log("test:deferred_work");
                        result.setResult("later");
                    }),
                    200,
                    TimeUnit.MILLISECONDS);
            return result;
        }

        @GetMapping("/future")
        CompletableFuture<String> future() {
            return Eliot.supplyAsync(() -> {
                sleep(200);
                Eliot.log("test:future_work");
                return "future";
            });
        }

        @GetMapping("/future-failure")
        CompletableFuture<String> futureFailure() {
            return Eliot.supplyAsync(() -> {
                sleep(100);
                throw new IllegalArgumentException("no future");
            });
        }

        @GetMapping("/stream")
        StreamingResponseBody stream() {
            return out -> {
                for (int i = 0; i < 3; i++) {
                    out.write(("chunk " + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    sleep(50);
                }
                Eliot.log("test:streamed", "chunks", 3);
            };
        }

        @GetMapping("/async-service")
        String asyncService() throws Exception {
            return asyncWork.work().get(5, TimeUnit.SECONDS);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
