package io.eliot.samples.quickstart;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.JsonFileDestination;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seed manual's quickstart in plain Java: check a list of links (offline: a link is valid when
 * it is an http(s) URL whose host has a domain), one of which fails. Each check runs on a worker
 * thread, inside the task that asked for it.
 *
 * <p>Usage: {@code Quickstart [log-file]} (default {@code quickstart.log}); prints the log too.
 */
public final class Quickstart {

    private Quickstart() {}

    static void checkLink(String url) {
        Eliot.startAction("download", "url", url).run(() -> {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + url, e);
            }
            if (uri.getHost() == null || !uri.getHost().contains(".")) {
                throw new IllegalArgumentException("no such host: " + uri.getHost());
            }
            Message.log("link:valid", "scheme", uri.getScheme(), "host", uri.getHost());
        });
    }

    static void checkLinks(List<String> urls, ExecutorService workers) throws InterruptedException {
        Eliot.startTask("check_links", "urls", urls).run(() -> {
            List<Future<?>> checks = new ArrayList<>();
            for (String url : urls) {
                checks.add(workers.submit(() -> checkLink(url)));
            }
            for (Future<?> check : checks) {
                try {
                    check.get();
                } catch (ExecutionException e) {
                    throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
                }
            }
        });
    }

    public static void main(String[] args) throws Exception {
        Path logFile = Path.of(args.length > 0 ? args[0] : "quickstart.log");
        Files.deleteIfExists(logFile);
        JsonFileDestination file = JsonFileDestination.open(logFile);
        Eliot.addDestination(file);
        ExecutorService workers = Eliot.contextPreserving(Executors.newFixedThreadPool(2));
        try {
            checkLinks(List.of("https://eliot.readthedocs.io", "http://nosuchurl"), workers);
        } catch (IllegalArgumentException e) {
            System.out.println("Not all the links were valid: " + e.getMessage());
        } finally {
            workers.shutdown();
            Eliot.removeDestination(file);
            file.close();
        }
        System.out.println("Log written to " + file.path() + ":");
        System.out.print(Files.readString(logFile, StandardCharsets.UTF_8));
    }
}
