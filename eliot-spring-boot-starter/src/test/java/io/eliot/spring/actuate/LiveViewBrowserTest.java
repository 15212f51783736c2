package io.eliot.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.viewer.RecentTasks;
import io.eliot.viewer.testing.Browsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The live view in headless Chromium, served by a running application: a request is made, its
 * uuid taken from the response's {@code x-eliot-task-uuid} header, and its tree found in the page
 * at {@code /actuator/eliot} (under the endpoint's Content-Security-Policy header). Skipped, saying
 * why, where no browser exists.
 */
class LiveViewBrowserTest {

    private static ConfigurableApplicationContext app;
    private static WebDriver browser;
    private static int port;

    @BeforeAll
    static void start() {
        browser = Browsers.headlessChromium();
        app = LiveApp.start(WebApplicationType.SERVLET, "--management.endpoints.web.exposure.include=eliot");
        port = LiveApp.port(app);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
        assertThat(Eliot.destinations()).noneMatch(RecentTasks.class::isInstance);
    }

    private static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @Test
    void aRequestsUuidOpensItsTreeInTheLivePage() throws Exception {
        String uuid = LiveApp.get(port, "/work?messages=3&size=5")
                .headers()
                .firstValue("x-eliot-task-uuid")
                .orElseThrow();

        browser.get("http://localhost:" + port + "/actuator/eliot");
        await().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        // The list, fetched from the endpoint, shows the request.
        await().until(d -> !d.findElements(By.cssSelector("#tasks .task[data-task-uuid='" + uuid + "']"))
                .isEmpty());

        WebElement box = browser.findElement(By.id("open-uuid"));
        box.sendKeys(uuid);
        browser.findElement(By.id("open-button")).click();
        // Opened where the page shows it: in the list when listed, else above it.
        WebElement opened = await().until(
                        d -> d.findElements(By.cssSelector(".task[data-task-uuid='" + uuid + "']")).stream()
                                .filter(t -> !t.findElements(By.cssSelector(".tree .node.action"))
                                        .isEmpty())
                                .findFirst()
                                .orElse(null));

        assertThat(opened.findElements(By.cssSelector(".tree .node.action"))).hasSize(1);
        assertThat(opened.getText()).contains("http:request");
        List<WebElement> messages = opened.findElements(By.cssSelector(".tree .node.message"));
        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.getText()).contains("work:step"));
    }
}
