package io.eliot.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.testing.Browsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link LivePage} in headless Chromium against a JDK HTTP server serving the endpoint's contract: the
 * list of recent tasks and one task by uuid (404 when unknown).
 */
class LivePageBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static WebDriver browser;
    static HttpServer server;

    /** The tasks the list returns, newest first; the ones only reachable by uuid. */
    static final List<ParsedTask> listed = new CopyOnWriteArrayList<>();

    static final Map<String, ParsedTask> stored = new ConcurrentHashMap<>();
    static final List<String> listQueries = new CopyOnWriteArrayList<>();
    static final List<String> acceptHeaders = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        browser = Browsers.headlessChromium();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", LivePage.contentSecurityPolicy());
                send(exchange, 200, "text/html; charset=utf-8", LivePage.html("/app/eliot"));
            } else if (path.equals("/app/eliot")) {
                listQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
                acceptHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
                List<Map<String, Object>> tasks = new ArrayList<>();
                for (ParsedTask task : listed) {
                    Map<String, Object> summary = TaskTrees.summary(task);
                    summary.put("updated", 1764000000L);
                    tasks.add(summary);
                }
                send(
                        exchange,
                        200,
                        "application/json",
                        JSON.writeValueAsString(Map.of(
                                "tasks",
                                tasks,
                                "stored",
                                stored.size(),
                                "bytes",
                                1234,
                                "max_tasks",
                                1000,
                                "max_bytes",
                                1 << 20)));
            } else if (path.startsWith("/app/eliot/")) {
                acceptHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
                ParsedTask task = stored.get(path.substring("/app/eliot/".length()));
                if (task == null) {
                    send(exchange, 404, "application/json", "{}");
                } else {
                    send(exchange, 200, "application/json", TaskTrees.toJson(task));
                }
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    @AfterEach
    void clear() {
        listed.clear();
        stored.clear();
        listQueries.clear();
        acceptHeaders.clear();
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static ParsedTask task(int n) {
        ParsedTask task = SampleLogs.parse(SyntheticLogs.task(n)).get(0);
        stored.put(task.taskUuid(), task);
        return task;
    }

    static void openPage() {
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        await().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    static List<String> rowUuids() {
        return browser.findElements(By.cssSelector("#tasks .task")).stream()
                .map(e -> e.getDomAttribute("data-task-uuid"))
                .toList();
    }

    @Test
    void theListRefreshesAndOpensTreesFromTheEndpoint() {
        listed.add(task(2));
        listed.add(task(1));
        openPage();
        assertThat(rowUuids()).containsExactly(SyntheticLogs.uuid(2), SyntheticLogs.uuid(1));
        assertThat(browser.findElement(By.id("live-bar")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("live-status")).getText()).contains("2 tasks stored");

        listed.add(0, task(3)); // a new request finished
        await().until(d -> rowUuids().size() == 3);
        assertThat(rowUuids().get(0)).isEqualTo(SyntheticLogs.uuid(3));

        WebElement row = browser.findElement(By.cssSelector(".task[data-task-uuid='" + SyntheticLogs.uuid(3) + "']"));
        row.findElement(By.className("task-head")).click();
        await().until(d -> !row.findElements(By.cssSelector(".tree .node.action[data-level='/2']"))
                .isEmpty());
        assertThat(row.findElement(By.cssSelector(".node.action.failed .reason"))
                        .getText())
                .isEqualTo("order 3 is locked");
        assertThat(row.findElements(By.cssSelector(".timeline .tl-bar"))).hasSize(2);
        // An open task stays open across refreshes.
        listed.add(0, task(4));
        await().until(d -> rowUuids().size() == 4);
        assertThat(browser.findElement(
                                By.cssSelector(".task[data-task-uuid='" + SyntheticLogs.uuid(3) + "'] .task-body"))
                        .isDisplayed())
                .isTrue();
        assertThat(acceptHeaders).isNotEmpty().allMatch("application/json"::equals);
    }

    @Test
    void filtersGoToTheEndpointAndPausingStopsRefreshing() {
        listed.add(task(1));
        openPage();
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("failed");
        browser.findElement(By.id("type-filter")).sendKeys("http:");
        browser.findElement(By.id("min-duration")).sendKeys("0.25");
        await().until(d -> listQueries.stream()
                .anyMatch(q ->
                        q.contains("status=failed") && q.contains("type=http%3A") && q.contains("minDuration=0.25")));

        browser.findElement(By.id("live-pause")).click();
        int before = listQueries.size();
        long until = System.nanoTime() + Duration.ofMillis(6500).toNanos();
        while (System.nanoTime() < until) { // two refresh periods: no request while paused
            assertThat(listQueries).hasSize(before);
            Thread.onSpinWait();
        }
        listed.add(task(2));
        browser.findElement(By.id("live-pause")).click(); // resuming refreshes at once
        await().until(d -> rowUuids().size() == 2);
    }

    @Test
    void aPastedTaskUuidOpensThatTasksTree() {
        listed.add(task(1));
        ParsedTask hidden = task(13); // stored, but not among the listed ones
        openPage();
        WebElement box = browser.findElement(By.id("open-uuid"));
        box.sendKeys(" " + hidden.taskUuid() + " ");
        browser.findElement(By.id("open-button")).click();
        WebElement opened = await().until(d ->
                d.findElement(By.cssSelector("#opened .task[data-task-uuid='" + hidden.taskUuid() + "']")));
        await().until(d ->
                !opened.findElements(By.cssSelector(".tree .node.action")).isEmpty());
        assertThat(opened.findElement(By.cssSelector(".task-body")).isDisplayed())
                .isTrue();
        assertThat(opened.findElements(By.cssSelector(".tree .node.action"))).hasSize(2);
        assertThat(browser.getCurrentUrl()).endsWith("#task=" + hidden.taskUuid());

        box.clear();
        box.sendKeys("00000000-0000-4000-8000-00000000dead");
        box.sendKeys(org.openqa.selenium.Keys.ENTER);
        await().until(d -> d.findElement(By.id("live-status"))
                .getText()
                .contains("no stored task 00000000-0000-4000-8000-00000000dead"));
    }
}
