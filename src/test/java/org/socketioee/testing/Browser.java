package org.socketioee.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Headless Debian Chromium driven by Selenium, with the binary and the driver set explicitly (nothing is
 * downloaded) and a fresh profile. Without chromium/chromium-driver installed the test is skipped with the reason,
 * except under {@code CI=true}, where it fails.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = System.getenv().getOrDefault("CHAT_TEST_CHROMIUM", "/usr/bin/chromium");
    public static final String DRIVER = System.getenv().getOrDefault("CHAT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static void assumeInstalled() {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            String reason = "browser tests need " + CHROMIUM + " and " + DRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            Missing.skipOrFail(reason);
        }
    }

    public static Browser open(int width, int height, String... extraArguments) throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(extraArguments);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver, profile);
    }

    /**
     * From the next page load on, records every text the status element shows (a script the browser runs before
     * the page's own, through the DevTools protocol): see {@link #statusLog()}.
     */
    public Browser recordStatus() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                window.statusLog = [];
                new MutationObserver(() => {
                  const s = document.getElementById("status");
                  if (s && s.textContent !== window.statusLog.at(-1)) window.statusLog.push(s.textContent);
                }).observe(document, { subtree: true, childList: true, characterData: true });
                """));
        return this;
    }

    /** The texts the status showed since the page loaded, in order (after {@link #recordStatus()}). */
    @SuppressWarnings("unchecked")
    public java.util.List<String> statusLog() {
        return (java.util.List<String>) driver.executeScript("return window.statusLog");
    }

    /** The browser console's errors so far (failed loads such as a 404, CSP violations, uncaught exceptions). */
    public java.util.List<String> consoleErrors() {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public Browser get(String url) {
        driver.get(url);
        return this;
    }

    public <T> T until(Function<ChromeDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> condition.apply(driver));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out; status: " + safeStatus() + "; console: " + console(), e);
        }
    }

    private String safeStatus() {
        try {
            return text("#status");
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** The browser's console messages so far (for failure reports). */
    public String console() {
        try {
            return driver.manage().logs().get("browser").getAll().toString();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String state() {
        return find("#status").getDomAttribute("data-state");
    }

    public void awaitConnected() {
        until(d -> "connected".equals(state()));
    }

    public void send(String text) {
        WebElement input = find("#input");
        input.sendKeys(text);
        input.sendKeys("\n");
    }

    /** Waits until a stored message (with its id) shows {@code text}. */
    public void awaitMessage(String text) {
        until(d -> d.findElements(By.cssSelector("#messages li.msg[data-id] .text")).stream()
                .anyMatch(e -> e.getText().equals(text)));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp dir
            }
        }
    }
}
