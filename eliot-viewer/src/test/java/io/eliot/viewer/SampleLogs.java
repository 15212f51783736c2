package io.eliot.viewer;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedTask;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Known logs for the viewer's tests: written with the real core API to a file, or as hand-written lines. */
final class SampleLogs {

    /** A value a page must show as text and never run. */
    static final String SCRIPT_PAYLOAD = "</script><script>window.__pwned=1;document.title='pwned'</script>";

    static final String IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned=2\">";

    static final String REASON_PAYLOAD = "<svg onload=\"window.__pwned=5\"></svg>";

    static final String LONG_VALUE = "0123456789".repeat(50) + "END";

    private SampleLogs() {}

    /**
     * Writes, through a {@link JsonFileDestination}, five tasks: {@code shop:checkout} (a message, a
     * child action, work handed to two threads), {@code shop:validate} (failed: IllegalArgumentException
     * "no items"), one with hostile text in types and fields, one with a long value, and one message task.
     */
    static Path writeCoreLog(Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        JsonFileDestination file = JsonFileDestination.open(log);
        Eliot.addDestination(file);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Eliot.startTask("shop:checkout", "cart", 42).run(() -> {
                Message.log("shop:cart:priced", "total", 12.5, "coupon", "WINTER-SALE");
                Eliot.startAction("shop:charge", "amount", 12.5).run(() -> {});
                Future<?> a = pool.submit(Eliot.preserveContext(
                        () -> Eliot.startAction("shop:reserve", "sku", "A-1").run(() -> {})));
                Future<?> b = pool.submit(Eliot.preserveContext(
                        () -> Eliot.startAction("shop:reserve", "sku", "B-2").run(() -> {})));
                get(a);
                get(b);
            });
            try {
                Eliot.startTask("shop:validate", "input", "empty cart").run(() -> {
                    throw new IllegalArgumentException("no items");
                });
            } catch (IllegalArgumentException expected) {
                // logged as failed
            }
            try {
                Eliot.startTask(
                                "<img src=x onerror=\"window.__pwned=3\">",
                                "comment",
                                SCRIPT_PAYLOAD,
                                "html",
                                IMG_PAYLOAD)
                        .run(() -> {
                            Message.log("<script>window.__pwned=4</script>", "line\u2028sep", "a\u2028b");
                            throw new IllegalStateException(REASON_PAYLOAD);
                        });
            } catch (IllegalStateException expected) {
                // logged as failed, with the payload as its reason
            }
            Eliot.startTask("report:render", "body", LONG_VALUE).run(() -> {});
            Message.log("app:started", "version", "1.2.3");
        } finally {
            pool.shutdown();
            Eliot.removeDestination(file);
            file.close();
        }
        return log;
    }

    private static void get(Future<?> f) {
        try {
            f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tasks of {@code log}; fails on any bad line. */
    static List<ParsedTask> parse(Path log) throws IOException {
        try (Reader in = Files.newBufferedReader(log)) {
            ParseResult result = LogParser.parse(in, log.toString());
            if (!result.problems().isEmpty()) {
                throw new IllegalStateException("bad lines: " + result.problems());
            }
            return result.tasks();
        }
    }

    /** The tasks of hand-written JSON lines. */
    static List<ParsedTask> parse(String lines) {
        ParseResult result = LogParser.parse(lines);
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException("bad lines: " + result.problems());
        }
        return result.tasks();
    }

    /** Writes a page of {@code tasks} to {@code file}. */
    static Path page(Path file, String title, List<ParsedTask> tasks) throws IOException {
        try (HtmlReport report = new HtmlReport(Files.newBufferedWriter(file), title)) {
            for (ParsedTask task : tasks) {
                report.add(task);
            }
        }
        return file;
    }

    /** Writes a page whose tasks {@code writer} adds. */
    static Path page(Path file, String title, Consumer<HtmlReport> writer) throws IOException {
        try (Writer out = Files.newBufferedWriter(file);
                HtmlReport report = new HtmlReport(out, title)) {
            writer.accept(report);
        }
        return file;
    }
}
