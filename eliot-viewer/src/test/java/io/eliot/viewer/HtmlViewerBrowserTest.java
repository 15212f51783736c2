package io.eliot.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.testing.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The static page in headless Chromium, on known logs. */
class HtmlViewerBrowserTest {

    @TempDir
    static Path dir;

    static WebDriver browser;
    static Path corePage;
    static List<ParsedTask> coreTasks;
    static Path handPage;

    /** Hand-written lines with exact times: a waterfall, a task with lost lines, a task never finished. */
    static final String TIMED = "10000000-0000-4000-8000-000000000001";

    static final String LOSSY = "20000000-0000-4000-8000-000000000002";
    static final String UNFINISHED = "30000000-0000-4000-8000-000000000003";

    static String handWritten() {
        StringBuilder b = new StringBuilder();
        double t = SyntheticLogs.EPOCH;
        b.append(action(TIMED, "[1]", t, "job", "started"));
        b.append(action(TIMED, "[2,1]", t + 0.1, "a", "started"));
        b.append(action(TIMED, "[2,2]", t + 0.3, "a", "succeeded"));
        b.append(action(TIMED, "[3,1]", t + 0.35, "b", "started"));
        b.append(action(TIMED, "[3,2]", t + 0.95, "b", "succeeded"));
        b.append(action(TIMED, "[4,1]", t + 0.05, "c", "started")); // a later slot that began first
        b.append(action(TIMED, "[4,2]", t + 0.06, "c", "succeeded"));
        b.append(action(TIMED, "[5]", t + 1.0, "job", "succeeded"));
        b.append(action(LOSSY, "[1]", t + 100, "lossy", "started"));
        b.append(line(LOSSY, "[3]", t + 100.1, "\"message_type\":\"kept\""));
        b.append(action(LOSSY, "[5]", t + 100.2, "lossy", "succeeded"));
        b.append(action(UNFINISHED, "[1]", t + 200, "unfinished", "started"));
        return b.toString();
    }

    static String action(String uuid, String level, double ts, String type, String status) {
        return line(uuid, level, ts, "\"action_type\":\"" + type + "\",\"action_status\":\"" + status + "\"");
    }

    static String line(String uuid, String level, double ts, String rest) {
        return "{\"task_uuid\":\"" + uuid + "\",\"task_level\":" + level + ",\"timestamp\":" + ts + "," + rest + "}\n";
    }

    @BeforeAll
    static void pages() throws Exception {
        coreTasks = SampleLogs.parse(SampleLogs.writeCoreLog(dir));
        corePage = SampleLogs.page(dir.resolve("core.html"), "app.log", coreTasks);
        handPage = SampleLogs.page(dir.resolve("hand.html"), "hand", SampleLogs.parse(handWritten()));
        browser = Browsers.headlessChromium();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    static void open(Path page, String fragment) {
        browser.get("about:blank");
        browser.get(page.toUri() + fragment);
        await().until(d -> "true".equals(body().getDomAttribute("data-ready")));
    }

    static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    static WebElement body() {
        return browser.findElement(By.tagName("body"));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static String uuidOf(String type) {
        return coreTasks.stream()
                .filter(t -> type.equals(TaskTrees.summary(t).get("type")))
                .findFirst()
                .orElseThrow()
                .taskUuid();
    }

    static WebElement row(String uuid) {
        return browser.findElement(By.cssSelector(".task[data-task-uuid='" + uuid + "']"));
    }

    static WebElement openRow(String uuid) {
        WebElement row = row(uuid);
        row.findElement(By.className("task-head")).click();
        await().until(d -> !row.findElements(By.cssSelector(".tree .node")).isEmpty());
        return row;
    }

    static int resultCount() {
        return Integer.parseInt(browser.findElement(By.id("result-count")).getDomAttribute("data-count"));
    }

    static void awaitCount(int expected) {
        await().until(d -> resultCount() == expected);
    }

    @Test
    void treesRenderWithTheRightCounts() {
        open(corePage, "");
        assertThat(resultCount()).isEqualTo(5);
        assertThat(browser.findElements(By.cssSelector("#tasks .task"))).hasSize(5);
        WebElement checkout = openRow(uuidOf("shop:checkout"));
        // checkout, charge, two hand-offs and the reserve action in each
        assertThat(checkout.findElements(By.cssSelector(".tree .node.action"))).hasSize(6);
        assertThat(checkout.findElements(By.cssSelector(".tree .node.action.remote")))
                .hasSize(2);
        assertThat(checkout.findElements(By.cssSelector(".tree .node.message"))).hasSize(1);
        // The message in its place: between the start fields and the child action, in level order.
        List<String> rootChildren = checkout.findElements(By.cssSelector(".tree > .node > .body > .node")).stream()
                .map(e -> e.getDomAttribute("data-level"))
                .toList();
        assertThat(rootChildren).containsExactly("/2", "/3", "/4", "/5");
        assertThat(checkout.findElement(By.cssSelector(".node.message")).getDomAttribute("data-message-type"))
                .isEqualTo("shop:cart:priced");
        assertThat(checkout.findElement(By.cssSelector(".node.message .field")).getText())
                .isEqualTo("coupon: WINTER-SALE");
        assertThat(checkout.findElement(By.cssSelector(".node.action.remote .handoff"))
                        .getText())
                .contains("handed off");
        assertThat(checkout.findElements(By.cssSelector(".timeline .tl-bar.remote")))
                .hasSize(2);
    }

    @Test
    void actionsExpandAndCollapse() {
        open(corePage, "");
        WebElement checkout = openRow(uuidOf("shop:checkout"));
        WebElement charge = checkout.findElement(By.cssSelector(".node.action[data-level='/3']"));
        WebElement body = charge.findElement(By.cssSelector(":scope > .body"));
        assertThat(body.isDisplayed()).isTrue();
        charge.findElement(By.cssSelector(":scope > .head")).click();
        assertThat(charge.getDomAttribute("class")).contains("collapsed");
        assertThat(body.isDisplayed()).isFalse();
        charge.findElement(By.cssSelector(":scope > .head")).click();
        assertThat(body.isDisplayed()).isTrue();
        assertThat(body.getText()).contains("amount: 12.5").contains("succeeded");
        // The whole task closes and opens again with its row.
        checkout.findElement(By.className("task-head")).click();
        assertThat(checkout.findElement(By.className("task-body")).isDisplayed())
                .isFalse();
        checkout.findElement(By.className("task-head")).click();
        assertThat(checkout.findElement(By.className("task-body")).isDisplayed())
                .isTrue();
    }

    @Test
    void failedActionsAreMarkedWithExceptionAndReason() {
        open(corePage, "");
        String uuid = uuidOf("shop:validate");
        WebElement row = openRow(uuid);
        assertThat(row.getDomAttribute("data-status")).isEqualTo("failed");
        assertThat(row.getDomAttribute("class")).contains("failed");
        WebElement action = row.findElement(By.cssSelector(".node.action[data-level='/']"));
        assertThat(action.getDomAttribute("data-status")).isEqualTo("failed");
        assertThat(action.getDomAttribute("class")).contains("failed");
        assertThat(action.findElement(By.className("exception")).getText())
                .isEqualTo("java.lang.IllegalArgumentException");
        assertThat(action.findElement(By.className("reason")).getText()).isEqualTo("no items");
        // Red, so the inline stylesheet was allowed by the page's policy.
        assertThat(action.findElement(By.className("atype")).getCssValue("color"))
                .isEqualTo("rgba(198, 40, 40, 1)");
        assertThat(row.findElement(By.cssSelector(".tl-row")).getDomAttribute("class"))
                .contains("failed");
    }

    @Test
    void searchFindsATaskByAFieldValueUuidOrType() {
        open(corePage, "");
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("winter-sale");
        awaitCount(1);
        assertThat(browser.findElement(By.cssSelector("#tasks .task")).getDomAttribute("data-task-uuid"))
                .isEqualTo(uuidOf("shop:checkout"));
        replace(search, "B-2"); // a field of an action in another thread
        awaitCount(1);
        replace(search, "coupon"); // a key, not a value
        awaitCount(0);
        replace(search, uuidOf("report:render").substring(0, 8));
        awaitCount(1);
        assertThat(browser.findElement(By.cssSelector("#tasks .task")).getDomAttribute("data-task-uuid"))
                .isEqualTo(uuidOf("report:render"));
        replace(search, "app:start");
        awaitCount(1);
        replace(search, "");
        awaitCount(5);
    }

    @Test
    void statusTypeDurationAndTimeFilters() {
        open(handPage, "");
        assertThat(resultCount()).isEqualTo(3);
        Select status = new Select(browser.findElement(By.id("status-filter")));
        status.selectByValue("incomplete");
        awaitCount(2);
        status.selectByValue("started");
        awaitCount(1);
        assertThat(browser.findElement(By.cssSelector("#tasks .task")).getDomAttribute("data-task-uuid"))
                .isEqualTo(UNFINISHED);
        status.selectByValue("");
        awaitCount(3);
        WebElement type = browser.findElement(By.id("type-filter"));
        type.sendKeys("kept"); // a message type inside a task
        awaitCount(1);
        replace(type, "");
        awaitCount(3);
        browser.findElement(By.id("min-duration")).sendKeys("0.5");
        awaitCount(1); // only the one-second job
        replace(browser.findElement(By.id("min-duration")), "");
        // [from, until): the second task starts at EPOCH + 100 s.
        browser.findElement(By.id("time-from")).sendKeys("2025-11-24T16:01:40Z");
        awaitCount(2);
        browser.findElement(By.id("time-to")).sendKeys("2025-11-24T16:03:20");
        awaitCount(1);
        assertThat(browser.findElement(By.cssSelector("#tasks .task")).getDomAttribute("data-task-uuid"))
                .isEqualTo(LOSSY);
        browser.findElement(By.id("clear-filters")).click();
        awaitCount(3);
    }

    @Test
    void incompleteTasksAndLostLinesAreMarkedAsTheTreeCommandMarksThem() {
        open(handPage, "");
        WebElement lossy = openRow(LOSSY);
        assertThat(lossy.findElement(By.cssSelector(".node.action .missing")).getText())
                .isEqualTo("(messages missing at 2, 4)");
        WebElement unfinished = openRow(UNFINISHED);
        assertThat(unfinished.getDomAttribute("class")).contains("incomplete");
        assertThat(unfinished.findElement(By.className("flag")).getText()).isEqualTo("incomplete");
        assertThat(unfinished
                        .findElement(By.cssSelector(".node.action .missing"))
                        .getText())
                .isEqualTo("(end message missing)");
        assertThat(unfinished.findElement(By.cssSelector(".tl-bar")).getDomAttribute("class"))
                .contains("open");
    }

    @Test
    void timelineBarsAreOrderedByStartAndSizedByDuration() {
        open(handPage, "");
        WebElement row = openRow(TIMED);
        List<WebElement> bars = row.findElements(By.cssSelector(".timeline .tl-bar"));
        assertThat(bars.stream().map(b -> b.getDomAttribute("data-level"))).containsExactly("/", "/4", "/2", "/3");
        List<Double> starts = bars.stream()
                .map(b -> Double.parseDouble(b.getDomAttribute("data-start")))
                .toList();
        assertThat(starts).isSorted();
        double trackWidth = bars.get(0).findElement(By.xpath("..")).getRect().getWidth();
        double trackLeft = bars.get(0).findElement(By.xpath("..")).getRect().getX();
        Map<String, double[]> expected = Map.of(
                "/",
                new double[] {0, 1.0},
                "/4",
                new double[] {0.05, 0.01},
                "/2",
                new double[] {0.1, 0.2},
                "/3",
                new double[] {0.35, 0.6});
        for (WebElement bar : bars) {
            double[] startAndDuration = expected.get(bar.getDomAttribute("data-level"));
            assertThat(Double.parseDouble(bar.getDomAttribute("data-duration")))
                    .isCloseTo(startAndDuration[1], org.assertj.core.data.Offset.offset(1e-6));
            // Geometry: left offset and width in proportion to the task's one second.
            double left = (Double) js("return arguments[0].getBoundingClientRect().left;", bar) - trackLeft;
            double width = (Double) js("return arguments[0].getBoundingClientRect().width;", bar);
            assertThat(left).isCloseTo(startAndDuration[0] * trackWidth, org.assertj.core.data.Offset.offset(1.5));
            assertThat(width)
                    .isCloseTo(Math.max(startAndDuration[1] * trackWidth, 1), org.assertj.core.data.Offset.offset(1.5));
        }
    }

    @Test
    void fragmentLinksOpenATaskOrAnActionAndFollowSelection() {
        String checkout = uuidOf("shop:checkout");
        open(corePage, "#task=" + checkout + "&level=/4/2");
        WebElement selected = await().until(d -> d.findElement(By.cssSelector(".node.selected")));
        assertThat(selected.getDomAttribute("data-level")).isEqualTo("/4/2");
        assertThat(selected.findElement(By.className("atype")).getText()).isEqualTo("shop:reserve");
        assertThat(selected.findElement(By.xpath("ancestor::div[contains(@class,'task ')]"))
                        .getDomAttribute("data-task-uuid"))
                .isEqualTo(checkout);
        assertThat((Boolean) js(
                        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;",
                        selected))
                .isTrue();
        // Even when a filter hides the task.
        browser.findElement(By.id("search")).sendKeys("no-such-value");
        awaitCount(0);
        String validate = uuidOf("shop:validate");
        js("location.hash = arguments[0]", "#task=" + validate);
        await().until(d -> row(validate).findElement(By.className("task-body")).isDisplayed());
        // Selecting updates the fragment.
        row(checkout)
                .findElement(By.cssSelector(".node.action[data-level='/3'] > .head"))
                .click();
        assertThat(browser.getCurrentUrl()).endsWith("#task=" + checkout + "&level=/3");
        row(checkout).findElement(By.cssSelector(".tl-row[data-level='/5']")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#task=" + checkout + "&level=/5");
        assertThat(browser.findElement(By.cssSelector(".node.selected")).getDomAttribute("data-level"))
                .isEqualTo("/5");
    }

    @Test
    void loggedMarkupIsShownAsTextAndNeverRuns() {
        open(corePage, "");
        for (WebElement head : browser.findElements(By.className("task-head"))) {
            head.click();
        }
        String uuid = coreTasks.stream()
                .filter(t -> String.valueOf(TaskTrees.summary(t).get("type")).startsWith("<img"))
                .findFirst()
                .orElseThrow()
                .taskUuid();
        WebElement row = row(uuid);
        await().until(d -> !row.findElements(By.cssSelector(".node.message")).isEmpty());
        assertThat(row.findElement(By.cssSelector(".task-head .type")).getText())
                .isEqualTo("<img src=x onerror=\"window.__pwned=3\">");
        assertThat(row.findElements(By.cssSelector(".field .value")).stream().map(WebElement::getText))
                .contains(SampleLogs.SCRIPT_PAYLOAD, SampleLogs.IMG_PAYLOAD);
        assertThat(row.findElement(By.cssSelector(".node.message .mtype")).getText())
                .isEqualTo("<script>window.__pwned=4</script>");
        assertThat(row.findElement(By.cssSelector(".node.action.failed .reason"))
                        .getText())
                .isEqualTo(SampleLogs.REASON_PAYLOAD);
        assertThat(js("return window.__pwned")).isNull();
        assertThat(browser.getTitle()).isEqualTo("app.log");
        assertThat(browser.findElements(By.cssSelector("img, svg"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("script:not([type])"))).hasSize(1);
    }

    @Test
    void longValuesAreFoldedAndShownWholeOnDemand() {
        open(corePage, "");
        WebElement row = openRow(uuidOf("report:render"));
        WebElement field = row.findElement(By.cssSelector(".field"));
        assertThat(field.getText()).doesNotContain("END");
        field.findElement(By.className("unfold")).click();
        assertThat(row.findElement(By.cssSelector("pre.full")).getText()).isEqualTo(SampleLogs.LONG_VALUE);
    }

    @Test
    void manyTasksArePagedAndReadLazily(@TempDir Path tmp) throws Exception {
        Path page = dir.resolve("many.html");
        try (var lines = Files.newBufferedReader(SyntheticLogs.write(tmp.resolve("many.log"), 5000))) {
            SampleLogs.page(
                    page,
                    "many",
                    io.eliot.core.parse.LogParser.parse(lines, "many.log").tasks());
        }
        open(page, "");
        assertThat(resultCount()).isEqualTo(5000);
        assertThat(browser.findElements(By.cssSelector("#tasks .task"))).hasSize(100);
        assertThat(browser.findElements(By.cssSelector(".tree"))).isEmpty();
        browser.findElement(By.id("more")).click();
        assertThat(browser.findElements(By.cssSelector("#tasks .task"))).hasSize(200);
        browser.findElement(By.id("search")).sendKeys("needle-4242");
        awaitCount(1);
        assertThat(browser.findElement(By.cssSelector("#tasks .task")).getDomAttribute("data-task-uuid"))
                .isEqualTo(SyntheticLogs.uuid(4242));
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("failed");
        awaitCount(0);
        replace(browser.findElement(By.id("search")), "");
        awaitCount(500);
    }

    static void replace(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }
}
