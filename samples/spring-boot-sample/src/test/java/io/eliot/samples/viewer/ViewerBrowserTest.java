package io.eliot.samples.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.ParsedTask;
import io.eliot.samples.orders.OrdersApplication;
import io.eliot.samples.orders.SampleHarness;
import io.eliot.spring.EliotDestinations;
import io.eliot.viewer.HtmlReport;
import io.eliot.viewer.testing.Browsers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The sample in its {@code dev} profile, looked at in headless Chromium: the live page finds a request's
 * tree by the uuid its response carried, and the HTML page written from the sample's own log shows its
 * trees and timelines. Each view is saved as a PNG in {@code target/screenshots}; with {@code
 * -Deliot.screenshots.update=true} also in the repository's {@code docs/images}, where the README shows
 * them ({@link ScreenshotsTest} checks those).
 */
@ActiveProfiles("dev")
@SpringBootTest(
        classes = OrdersApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eliot.destinations.console.type=slf4j")
class ViewerBrowserTest {

    private static final Path LOG = SampleHarness.newLogFile();

    static WebDriver browser;

    @DynamicPropertySource
    static void logFile(DynamicPropertyRegistry registry) {
        registry.add("eliot.destinations.log.file.path", LOG::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EliotDestinations destinations;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.headlessChromium(1280, 860);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theLivePageFindsARequestsTreeByTheUuidItsResponseCarried() throws IOException {
        ResponseEntity<String> created = createOrder("A-1", 2);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String uuid = created.getHeaders().getFirst("x-eliot-task-uuid");
        assertThat(uuid).as("the response's x-eliot-task-uuid").isNotBlank();

        browser.get("http://localhost:" + port + "/actuator/eliot");
        awaitReady();
        WebElement box = browser.findElement(By.id("open-uuid"));
        box.clear();
        box.sendKeys(uuid);
        browser.findElement(By.id("open-button")).click();

        // Opened in place when the live list already shows it, else above the list (#opened).
        await(By.cssSelector(".task[data-task-uuid='" + uuid + "'] .tree .node.action"));
        WebElement opened = browser.findElement(By.cssSelector(".task[data-task-uuid='" + uuid + "']"));
        List<String> actionTypes = opened.findElements(By.cssSelector(".tree .node.action")).stream()
                .map(node -> node.getDomAttribute("data-level") + " " + actionType(node))
                .toList();
        assertThat(actionTypes)
                .as("the request's tree in the live page")
                .contains(
                        "/ http:request",
                        "/2 orders:create",
                        "/2/2 pricing:unit_price",
                        "/2/2/2 http:client_request",
                        "/2/2/2/2 eliot:remote_task");
        assertThat(opened.getDomAttribute("data-status")).isEqualTo("succeeded");
        scrollToTop();
        screenshot("viewer-live.png");
    }

    @Test
    void theHtmlPageOfTheSamplesOwnLogShowsItsTreesAndTimelines() throws Exception {
        ResponseEntity<String> created = createOrder("B-22", 3);
        String createdUuid = created.getHeaders().getFirst("x-eliot-task-uuid");
        ResponseEntity<String> bad = createOrder("C-3", 0);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        String badUuid = bad.getHeaders().getFirst("x-eliot-task-uuid");
        client().get().uri("/orders/99").retrieve().toEntity(String.class);

        Path page = LOG.resolveSibling("orders.html");
        List<ParsedTask> tasks = tasks();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8);
                HtmlReport report = new HtmlReport(out, "orders.log")) {
            for (ParsedTask task : tasks) {
                report.add(task);
            }
        }

        browser.get(page.toUri() + "#task=" + badUuid);
        awaitReady();
        WebElement failed = await(By.cssSelector(".task[data-task-uuid='" + badUuid + "'] .node.action.failed"));
        assertThat(failed.findElement(By.cssSelector(".exception")).getText()).contains("IllegalArgumentException");

        browser.get(page.toUri() + "#task=" + createdUuid);
        browser.navigate().refresh();
        awaitReady();
        WebElement task = await(By.cssSelector(".task[data-task-uuid='" + createdUuid + "']"));
        List<WebElement> bars = task.findElements(By.cssSelector(".timeline .tl-bar"));
        assertThat(bars).hasSizeGreaterThanOrEqualTo(6);
        assertThat(bars.get(0).getDomAttribute("data-level")).isEqualTo("/");
        scrollToTop();
        screenshot("viewer-tree.png");
        screenshotOf(task.findElement(By.cssSelector(".timeline")), "viewer-timeline.png");
    }

    private ResponseEntity<String> createOrder(String sku, int quantity) {
        return client().post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", sku, "quantity", quantity))
                .retrieve()
                .toEntity(String.class);
    }

    private RestClient client() {
        return SampleHarness.outsideClient(port);
    }

    private List<ParsedTask> tasks() throws Exception {
        return SampleHarness.loggedTasks(destinations, LOG);
    }

    private static String actionType(WebElement node) {
        return node.findElement(By.cssSelector(".head .atype")).getText();
    }

    private static void awaitReady() {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static WebElement await(By selector) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(selector).stream().findFirst().orElse(null));
    }

    private static void scrollToTop() {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    }

    private static void screenshot(String name) throws IOException {
        save(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES), name);
    }

    private static void screenshotOf(WebElement element, String name) throws IOException {
        save(element.getScreenshotAs(OutputType.BYTES), name);
    }

    private static void save(byte[] png, String name) throws IOException {
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        if (Boolean.getBoolean("eliot.screenshots.update")) {
            Path docs = ScreenshotsTest.DOCS_IMAGES.resolve(name);
            Files.createDirectories(docs.getParent());
            Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
