package io.eliot.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.testing.Browsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pages of 1,000, 10,000 and 100,000 tasks (five messages each) in headless Chromium: each opens, filters
 * and opens a task; the file grows linearly. Prints the figures the README states.
 */
@Tag("long")
class BigPageBrowserTest {

    @Test
    void aHundredThousandTasksOpenAndStayResponsive(@TempDir Path dir) throws IOException {
        int[] counts = {1_000, 10_000, 100_000};
        long[] sizes = new long[counts.length];
        WebDriver browser = Browsers.headlessChromium();
        try {
            for (int i = 0; i < counts.length; i++) {
                int count = counts[i];
                Path log = SyntheticLogs.write(dir.resolve(count + ".log"), count);
                Path page = dir.resolve(count + ".html");
                long writing = System.nanoTime();
                try (BufferedReader in = Files.newBufferedReader(log);
                        Stream<ParsedTask> tasks = LogParser.stream(in, log.toString(), p -> {
                            throw new IllegalStateException(p.toString());
                        });
                        HtmlReport report = new HtmlReport(Files.newBufferedWriter(page), count + " tasks")) {
                    tasks.forEach(task -> {
                        try {
                            report.add(task);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                long writeMs = (System.nanoTime() - writing) / 1_000_000;
                sizes[i] = Files.size(page);
                Files.delete(log);

                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.pollingEvery(Duration.ofMillis(10));
                browser.get("about:blank");
                long loading = System.nanoTime();
                browser.get(page.toUri().toString());
                WebElement body = browser.findElement(By.tagName("body"));
                wait.until(d -> "true".equals(body.getDomAttribute("data-ready")));
                long loadMs = (System.nanoTime() - loading) / 1_000_000;
                assertThat(body.getDomAttribute("data-ready-ms")).isNotNull();
                assertThat(browser.findElement(By.id("result-count")).getDomAttribute("data-count"))
                        .isEqualTo(String.valueOf(count));

                // A field value in one task: the slowest search, it reads every task's text.
                long searching = System.nanoTime();
                browser.findElement(By.id("search")).sendKeys("needle-4242");
                String expected = count > 4242 ? "1" : "0";
                wait.until(d ->
                        expected.equals(d.findElement(By.id("result-count")).getDomAttribute("data-count")));
                long searchMs = (System.nanoTime() - searching) / 1_000_000;
                String filterMs = body.getDomAttribute("data-filter-ms");

                // A type over all tasks, then opening one.
                ((JavascriptExecutor) browser)
                        .executeScript("arguments[0].value = ''", browser.findElement(By.id("search")));
                long typing = System.nanoTime();
                browser.findElement(By.id("type-filter")).sendKeys("cache:miss");
                wait.until(d -> String.valueOf(count)
                        .equals(d.findElement(By.id("result-count")).getDomAttribute("data-count")));
                long typeMs = (System.nanoTime() - typing) / 1_000_000;
                String typeFilterMs = body.getDomAttribute("data-filter-ms");
                new Select(browser.findElement(By.id("status-filter"))).selectByValue("failed");
                wait.until(d -> String.valueOf(count / 10)
                        .equals(d.findElement(By.id("result-count")).getDomAttribute("data-count")));
                String statusFilterMs = body.getDomAttribute("data-filter-ms");
                long opening = System.nanoTime();
                WebElement row = browser.findElement(By.cssSelector("#tasks .task"));
                row.findElement(By.className("task-head")).click();
                wait.until(d -> !row.findElements(By.cssSelector(".tree .node")).isEmpty());
                long openMs = (System.nanoTime() - opening) / 1_000_000;

                System.out.printf(
                        Locale.ROOT,
                        "viewer %,d tasks: %,d bytes (%d per task), written in %d ms; load to interactive %d ms (page's own"
                                + " script %s ms after navigation); field-value search %d ms (filter %s ms); type filter %d"
                                + " ms (filter %s ms); status filter %s ms; open a task %d ms%n",
                        count,
                        sizes[i],
                        sizes[i] / count,
                        writeMs,
                        loadMs,
                        body.getDomAttribute("data-ready-ms"),
                        searchMs,
                        filterMs,
                        typeMs,
                        typeFilterMs,
                        statusFilterMs,
                        openMs);
                assertThat(loadMs).isLessThan(60_000);
                Files.delete(page);
            }
        } finally {
            browser.quit();
        }
        double perTask1 = (sizes[1] - sizes[0]) / 9_000.0;
        double perTask2 = (sizes[2] - sizes[1]) / 90_000.0;
        assertThat(perTask2 / perTask1).isBetween(0.97, 1.03);
    }
}
