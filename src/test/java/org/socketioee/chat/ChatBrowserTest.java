package org.socketioee.chat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.socketioee.testing.WebappTomcat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat page in headless Chromium against the WAR in an embedded Tomcat (JSP, JNDI, H2). */
class ChatBrowserTest {
    /** The README's screenshot, written by {@link #twoUsersChatWithPresenceTypingAndHistory}. */
    static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "src/site/images/chat.png");
    static final String XSS = "<img src=x onerror=alert(1)>";

    @Test
    void twoUsersChatWithPresenceTypingAndHistory() throws Exception {
        try (WebappTomcat war = WebappTomcat.start();
             Browser ann = Browser.open(1000, 650); Browser bob = Browser.open(390, 740)) {
            ann.get(war.baseUrl() + "/?nick=ann").awaitConnected();
            bob.get(war.baseUrl() + "/?nick=bob").awaitConnected();
            ann.until(d -> ann.text("#members").contains("bob"));
            assertThat(bob.text("#status")).startsWith("connected · websocket");
            // bob's window is phone-sized (390 px): nothing overflows sideways, the input and messages are usable
            assertThat(js(bob, "return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            assertThat(bob.find("#input").isDisplayed()).isTrue();
            assertThat(bob.find("#messages").isDisplayed()).isTrue();

            // typing indicator, then the message itself
            ann.find("#input").sendKeys("Hi bob");
            // typing notices are volatile (dropped for a busy connection): while ann keeps typing the page sends
            // another every 1.5 s, so ann types on (a space and its deletion) until bob sees it
            bob.until(d -> {
                if (bob.text("#typing").equals("ann is typing…")) {
                    return true;
                }
                ann.find("#input").sendKeys(" " + org.openqa.selenium.Keys.BACK_SPACE);
                return null;
            });
            ann.find("#input").sendKeys("\n");
            bob.awaitMessage("Hi bob");
            ann.awaitMessage("Hi bob");
            bob.until(d -> bob.text("#typing").isEmpty());
            bob.send("Hello ann, how are things?");
            ann.awaitMessage("Hello ann, how are things?");

            // user text is text: shown literally, nothing runs
            ann.send(XSS);
            bob.awaitMessage(XSS);
            assertThat(bob.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
            assertThatThrownBy(() -> bob.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

            // after a reload: the history (rendered by the server, escaped), and live again
            bob.driver.navigate().refresh();
            bob.awaitConnected();
            assertThat(bob.driver.findElements(By.cssSelector("#messages li.msg .text")))
                    .extracting(e -> e.getText()).containsSubsequence("Hi bob", "Hello ann, how are things?", XSS);
            assertThat(bob.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
            assertThatThrownBy(() -> bob.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            ann.until(d -> ann.text("#messages").contains("bob joined"));
            ann.send("Welcome back!");
            bob.awaitMessage("Welcome back!");

            Files.createDirectories(SCREENSHOT.getParent());
            Files.copy(ann.driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void historySurvivesAServerRestartAndMessagesQueueWhileOffline() throws Exception {
        Path data = Files.createTempDirectory("chat-data");
        String jdbc = "jdbc:h2:" + data.resolve("chat").toAbsolutePath();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Browser ann = Browser.open(1000, 650)) {
            WebappTomcat war = WebappTomcat.start(port, jdbc, Map.of());
            try {
                ann.get(war.baseUrl() + "/?nick=ann").awaitConnected();
                ann.send("before the restart");
                ann.awaitMessage("before the restart");
            } finally {
                war.close();
            }
            // the server is gone: the page says so, and keeps what is typed
            ann.until(d -> !"connected".equals(ann.state()));
            ann.send("typed while offline");
            ann.until(d -> ann.text("#status").contains("1 queued"));

            war = WebappTomcat.start(port, jdbc, Map.of());
            try {
                ann.awaitConnected(); // reconnected by itself, with backoff
                ann.awaitMessage("typed while offline"); // the queued message, stored once it is back
                assertThat(ann.driver.findElements(By.cssSelector("#messages li.pending"))).isEmpty();
                ann.driver.navigate().refresh();
                ann.awaitConnected();
                assertThat(ann.driver.findElements(By.cssSelector("#messages li.msg .text")))
                        .extracting(e -> e.getText()).containsSubsequence("before the restart", "typed while offline");
            } finally {
                war.close();
            }
        }
    }

    @Test
    void worksWhenWebSocketIsUnavailable() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(0, null, Map.of("socketio.transports", "polling"));
             Browser ann = Browser.open(800, 600); Browser bob = Browser.open(800, 600)) {
            ann.get(war.baseUrl() + "/?nick=ann").awaitConnected();
            bob.get(war.baseUrl() + "/?nick=bob").awaitConnected();
            ann.send("over long-polling");
            bob.awaitMessage("over long-polling");
            // the server offers no upgrade (its open packet lists none): the pages stay on polling
            assertThat(ann.text("#status")).isEqualTo("connected · polling");
            assertThat(bob.text("#status")).isEqualTo("connected · polling");
        }
    }

    @Test
    void pageRecoversItsSessionWhenTheServerDropsTheConnection() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(0, null,
                Map.of("socketio.recovery.maxDisconnectionDuration", "120000"));
             Browser ann = Browser.open(800, 600); Browser bob = Browser.open(800, 600)) {
            ann.get(war.baseUrl() + "/?nick=ann").awaitConnected();
            bob.get(war.baseUrl() + "/?nick=bob").awaitConnected();
            ann.until(d -> ann.text("#members").contains("bob")); // ann has received events: she has an offset
            Object annId = js(ann, "return window.chat.socket.id");

            // the server drops every connection, without a Socket.IO disconnect: the pages see a transport close
            assertThat(war.dropAllConnections()).isEqualTo(2);
            ann.until(d -> Boolean.TRUE.equals(js(ann, "return window.chat.socket.connected && window.chat.socket.recovered")));
            assertThat(js(ann, "return window.chat.socket.id")).isEqualTo(annId);
            bob.until(d -> Boolean.TRUE.equals(js(bob, "return window.chat.socket.connected && window.chat.socket.recovered")));
            ann.awaitConnected();
            bob.awaitConnected();
            bob.send("after the drop");
            ann.awaitMessage("after the drop");
        }
    }

    private static Object js(Browser b, String script) {
        return ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(script);
    }
}
