package io.eliot.opentelemetry;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run of requests on a pool of threads, each in a server span made current as an HTTP server's
 * instrumentation does, each one Eliot task: nested actions, messages with nested fields, every 7th
 * request a failed action, every 10th a traceback.
 */
final class Requests {

    private Requests() {}

    /** Runs {@code count} requests; returns the span of each request by the task it logged. */
    static Map<String, SpanContext> run(Tracer tracer, int count) throws Exception {
        Map<String, SpanContext> requestSpans = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    request(tracer, n, requestSpans);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return requestSpans;
    }

    private static void request(Tracer tracer, int n, Map<String, SpanContext> requestSpans) {
        Span server = tracer.spanBuilder("GET /orders/{id}")
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (Scope ignored = server.makeCurrent()) {
            Eliot.startTask("http:request", "method", "GET", "path", "/orders/" + n)
                    .run(() -> {
                        requestSpans.put(Eliot.currentAction().orElseThrow().taskUuid(), server.getSpanContext());
                        Message.log(
                                "order:received",
                                "order",
                                Map.of(
                                        "id", n,
                                        "lines", List.of(1, 2, 3),
                                        "tags", List.of("a", "b"),
                                        "customer",
                                                Map.of("name", "customer " + n, "vip", n % 2 == 0, "score", n + 0.5)));
                        Action query = Eliot.startAction("db:query", "table", "orders");
                        query.run(() -> {
                            Eliot.startAction("db:connect", "pool", "main").run(() -> Message.log("db:connected"));
                            Message.log("db:rows", "count", n * 3L);
                        });
                        if (n % 7 == 0) {
                            try {
                                Eliot.startAction("payment:charge", "amount", 12.5)
                                        .run(() -> {
                                            throw new IllegalStateException("card declined for order " + n);
                                        });
                            } catch (IllegalStateException expected) {
                                Message.log("payment:retry_later");
                            }
                        }
                        if (n % 10 == 0) {
                            Eliot.writeTraceback(new IllegalArgumentException("odd order " + n));
                        }
                        Eliot.currentAction().orElseThrow().addSuccessField("status", 200);
                    });
        } finally {
            server.end();
        }
    }
}
