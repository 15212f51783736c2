package io.eliot.viewer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, driven through the system's {@code chromedriver} (Debian's
 * {@code chromium} and {@code chromium-driver} packages). Selenium Manager is never used: it downloads
 * drivers at run time, which cannot work offline. Where no browser is installed the calling test is
 * skipped (JUnit assumption) with the reason printed.
 *
 * <p>{@code ELIOT_CHROMIUM} and {@code ELIOT_CHROMEDRIVER} name other executables.
 */
public final class Browsers {

    private static final List<String> BROWSERS =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Browsers() {}

    /** Why no browser test can run here, or empty when Chromium and its driver are installed. */
    public static Optional<String> unavailableReason() {
        if (executable("ELIOT_CHROMIUM", BROWSERS).isEmpty()) {
            return Optional.of("no Chromium found (install Debian's chromium package, or set ELIOT_CHROMIUM)");
        }
        if (executable("ELIOT_CHROMEDRIVER", DRIVERS).isEmpty()) {
            return Optional.of(
                    "no chromedriver found (install Debian's chromium-driver package, or set ELIOT_CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    /**
     * A new headless Chromium of the given window size; the caller quits it. Skips the calling test, saying
     * why, where no browser is installed.
     */
    public static WebDriver headlessChromium(int width, int height) {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            System.out.println("browser test skipped: " + reason.get());
            Assumptions.abort(reason.get());
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("ELIOT_CHROMIUM", BROWSERS).orElseThrow().toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        executable("ELIOT_CHROMEDRIVER", DRIVERS).orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** A 1280×900 headless Chromium. */
    public static WebDriver headlessChromium() {
        return headlessChromium(1280, 900);
    }

    private static Optional<Path> executable(String variable, List<String> candidates) {
        String override = System.getenv(variable);
        Stream<String> paths = override != null && !override.isBlank() ? Stream.of(override) : candidates.stream();
        return paths.map(Path::of)
                .filter(Files::isExecutable)
                .map(Browsers::realPath)
                .findFirst();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
