package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.viewer.testing.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page {@code html} writes, opened from disk ({@code file://}) in headless Chromium: its script
 * runs under its own Content-Security-Policy, and the tasks of a Java and a Python log render with
 * their messages (the DOM hooks {@code io.eliot.viewer.HtmlReport} documents). Skipped, saying why,
 * where no Chromium and chromedriver are installed.
 */
class HtmlPageInBrowserTest {

    /** python-app.log's calc:session: three actions (a start and an end message each) and one message. */
    private static final String SESSION = "0396f4ef-1aeb-4587-b1ce-e0eae3a56ae0";

    private static final String FAILING = "f356593c-6599-4072-8128-f29dd748b7f9";
    /** java-app.log's shop:order: three actions and two messages. */
    private static final String ORDER = "11323ced-8745-4b2f-a7f5-a980aaf43e18";

    @TempDir
    Path dir;

    @Test
    void theWrittenPageShowsEachTaskWithItsMessagesFromDisk() throws Exception {
        String python = Tool.path("python-app.log");
        String java = Tool.path("java-app.log");
        Path page = dir.resolve("logs.html");
        Tool.Result r = Tool.run("html", "-o", page.toString(), python, java);
        assertThat(r.exit()).as(r.stderr()).isZero();

        WebDriver browser = Browsers.headlessChromium();
        try {
            browser.get(page.toUri().toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready='true']")));

            assertThat(browser.getTitle()).isEqualTo(python + ", " + java);
            assertThat(browser.findElements(By.cssSelector("#tasks .task"))).hasSize(6);

            assertRendersWithItsMessages(browser, wait, SESSION, 3, 1, 7);
            assertRendersWithItsMessages(browser, wait, ORDER, 3, 2, 8);

            WebElement failing = task(browser, FAILING);
            assertThat(failing.getAttribute("data-status")).isEqualTo("failed");
            assertThat(failing.getAttribute("class")).contains("failed");
        } finally {
            browser.quit();
        }
        assertThat(Files.exists(page)).isTrue();
    }

    /**
     * Opens the task's row: its tree holds {@code actions} actions and {@code messages} messages, that
     * is {@code 2 × actions + messages} lines of the log, the count its row shows.
     */
    private static void assertRendersWithItsMessages(
            WebDriver browser, WebDriverWait wait, String uuid, int actions, int messages, int lines) {
        assertThat(2 * actions + messages).isEqualTo(lines);
        WebElement row = task(browser, uuid);
        WebElement head = row.findElement(By.cssSelector(".task-head"));
        assertThat(head.getText()).contains(lines + " messages");

        head.click();

        wait.until(
                d -> !row.findElements(By.cssSelector(".task-body .tree .node")).isEmpty());
        List<WebElement> actionNodes = row.findElements(By.cssSelector(".tree .node.action"));
        List<WebElement> messageNodes = row.findElements(By.cssSelector(".tree .node.message"));
        assertThat(actionNodes).as("%s's actions", uuid).hasSize(actions);
        assertThat(messageNodes).as("%s's messages", uuid).hasSize(messages);
        assertThat(row.findElement(By.cssSelector(".task-body")).isDisplayed()).isTrue();
    }

    private static WebElement task(WebDriver browser, String uuid) {
        return browser.findElement(By.cssSelector("#tasks .task[data-task-uuid='" + uuid + "']"));
    }
}
