package io.eliot.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.viewer.RecentTasks;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The live view's memory stays bounded whatever the load: 100,000 real HTTP requests from
 * concurrent clients through a servlet application whose store may take 2 MB, each request logging
 * about 3 KB, so the store overflows more than a hundred times. The bytes the store counts never
 * pass 2 MB, and the heap it really retains (the live objects on the heap with the store full,
 * minus after clearing it) is under 2 MB too.
 */
@Tag("long")
class LiveViewMemoryTest {

    private static final int REQUESTS = 100_000;
    private static final int CLIENTS = 8;
    private static final long MAX_BYTES = 2L << 20;

    @Test
    void aHundredThousandRequestsKeepTheStoreWithinItsBytes() throws Exception {
        try (ConfigurableApplicationContext app = LiveApp.start(
                WebApplicationType.SERVLET,
                "--management.endpoints.web.exposure.include=eliot",
                "--eliot.recent-tasks.max-bytes=2MB",
                "--eliot.recent-tasks.max-tasks=100000")) {
            int port = LiveApp.port(app);
            RecentTasks store = app.getBean(RecentTasks.class);
            URI uri = URI.create("http://localhost:" + port + "/work?messages=10&size=200");

            AtomicLong mostCounted = new AtomicLong();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    done.add(clients.submit(() -> {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build();
                        while (sent.getAndIncrement() < REQUESTS && System.nanoTime() < deadline) {
                            HttpResponse<Void> response =
                                    LiveApp.HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            mostCounted.accumulateAndGet(store.bytes(), Math::max);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(sent.get()).as("requests sent before the deadline").isGreaterThanOrEqualTo(REQUESTS);
            assertThat(failed.get()).isZero();

            long counted = store.bytes();
            assertThat(mostCounted.get()).isPositive().isLessThanOrEqualTo(MAX_BYTES);
            assertThat(store.evictedTasks())
                    .as("the store overflowed many times")
                    .isGreaterThan(REQUESTS / 2);
            assertThat(counted).as("full").isGreaterThan(MAX_BYTES * 9 / 10);

            int stored = store.size();
            long full = liveHeap();
            long fullUsed = usedHeapAfterGc();
            store.clear();
            long cleared = liveHeap();
            long clearedUsed = usedHeapAfterGc();
            long retained = full - cleared;
            System.out.printf(
                    "live view memory: %d requests, %d tasks stored, %d bytes counted (max %d), %d bytes of heap"
                            + " retained (used heap after GC: %d bytes), %d tasks evicted%n",
                    REQUESTS, stored, counted, MAX_BYTES, retained, fullUsed - clearedUsed, store.evictedTasks());
            assertThat(retained)
                    .as("heap retained by the full store")
                    .isPositive()
                    .isLessThanOrEqualTo(MAX_BYTES);
        }
        assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
    }

    /**
     * The bytes of every live object on the heap: a full collection, then each object counted (the
     * JVM's class histogram, as {@code jcmd GC.class_histogram} prints it, whose last line is the
     * total). Exact, unlike the used heap, which also counts the collector's partly filled regions.
     */
    private static long liveHeap() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        String[] lines = histogram.strip().split("\\R");
        String[] total = lines[lines.length - 1].trim().split("\\s+");
        assertThat(total[0]).isEqualTo("Total");
        return Long.parseLong(total[2]);
    }

    /** The used heap after collections, for comparison. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
