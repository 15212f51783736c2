package io.eliot.samples.quickstart;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.JsonFileDestination;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seed manual's quickstart in plain Java, woven at compile time: check a list of links, one of
 * which fails. Offline: a link is valid when it is an http(s) URL whose host has a domain.
 *
 * <ul>
 *   <li>{@code check_links} is a task: a {@code @LoggedAction} called outside any action;
 *   <li>each {@code download} runs on a worker thread, inside the task (a context-preserving pool);
 *   <li>{@code parse_url} is a nested action; {@code link:valid} a standalone message;
 *   <li>{@code nosuchurl} fails, and so does the task.
 * </ul>
 *
 * <p>Usage: {@code Quickstart [log-file]} (default {@code quickstart.log}).
 */
public final class Quickstart {

    private final ExecutorService workers = Eliot.contextPreserving(Executors.newFixedThreadPool(2));

    @LoggedAction("check_links")
    void checkLinks(List<String> urls) throws InterruptedException {
        List<Future<?>> checks = new ArrayList<>();
        for (String url : urls) {
            checks.add(workers.submit(() -> download(url)));
        }
        for (Future<?> check : checks) {
            try {
                check.get();
            } catch (ExecutionException e) {
                throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @LoggedAction(value = "download", logResult = false)
    void download(String url) {
        URI uri = parseUrl(url);
        Message.log("link:valid", "scheme", uri.getScheme(), "host", uri.getHost());
    }

    @LoggedAction("parse_url")
    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        if (uri.getHost() == null || !uri.getHost().contains(".")) {
            throw new IllegalArgumentException("no such host: " + uri.getHost());
        }
        return uri;
    }

    public static void main(String[] args) throws Exception {
        Path logFile = Path.of(args.length > 0 ? args[0] : "quickstart.log");
        Files.deleteIfExists(logFile);
        JsonFileDestination file = JsonFileDestination.open(logFile);
        Eliot.addDestination(file);
        Quickstart quickstart = new Quickstart();
        try {
            quickstart.checkLinks(List.of("https://eliot.readthedocs.io", "http://nosuchurl"));
        } catch (IllegalArgumentException e) {
            System.out.println("Not all the links were valid: " + e.getMessage());
        } finally {
            quickstart.workers.shutdown();
            Eliot.removeDestination(file);
            file.close();
        }
        System.out.println("Log written to " + file.path() + " (draw it with: bin/eliot-tree " + logFile + ")");
    }
}
