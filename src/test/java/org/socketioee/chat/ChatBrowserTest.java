package org.socketioee.chat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.socketioee.testing.Browser;
import org.socketioee.testing.WebappTomcat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat page in headless Chromium against the WAR in an embedded Tomcat (JSP, JNDI, H2). */
class ChatBrowserTest {
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
            awaitTyping(ann, bob, "ann is typing…");
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
            // and so is a private message's, on both sides
            ann.send("/msg bob " + XSS);
            bob.until(d -> bob.driver.findElements(By.cssSelector("#messages li.private .text")).stream()
                    .anyMatch(e -> e.getText().equals(XSS)));
            ann.until(d -> ann.driver.findElements(By.cssSelector("#messages li.private .text")).stream()
                    .anyMatch(e -> e.getText().equals(XSS)));
            for (Browser b : new Browser[] {ann, bob}) {
                assertThat(b.driver.findElements(By.cssSelector("img"))).isEmpty();
                assertThatThrownBy(() -> b.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            }

            // after a reload: the history (rendered by the server, escaped), and live again
            bob.driver.navigate().refresh();
            bob.awaitConnected();
            assertThat(bob.driver.findElements(By.cssSelector("#messages li.msg .text")))
                    .extracting(e -> e.getText()).containsSubsequence("Hi bob", "Hello ann, how are things?", XSS);
            assertThat(bob.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
            assertThatThrownBy(() -> bob.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            // (no "bob joined" to wait for: bob's page may have taken his nickname over from his connection before)
            ann.send("Welcome back!");
            bob.awaitMessage("Welcome back!");
            bob.send("back again");
            ann.awaitMessage("back again");
            // the history rendered by the server looks as the live messages do: one line each
            assertOneLineEach(bob);
            // a colour per nickname: the same on every page, a different one for another nickname
            Object annColour = nickColour(ann, "ann");
            assertThat(nickColour(bob, "ann")).isEqualTo(annColour);
            assertThat(nickColour(ann, "bob")).isNotEqualTo(annColour);

            // unread counts of the other rooms: bob goes to #random; what ann says in #general is counted there,
            // and forgotten once bob is back in #general
            bob.get(war.baseUrl() + "/?room=random&nick=bob").awaitConnected();
            ann.send("are you there?");
            ann.send("bob?");
            ann.awaitMessage("bob?");
            bob.find("#toggle-sidebar").click(); // a phone-sized window: the rooms are in a drawer
            bob.until(d -> bob.text("#rooms li[data-room=general] .unread").equals("2"));
            assertThat(bob.driver.findElements(By.cssSelector("#rooms .unread")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed)).hasSize(1);
            bob.find("#rooms li[data-room=general] a").click();
            bob.awaitConnected();
            assertThat(bob.text("#room-name")).isEqualTo("general");
            assertThat(bob.find("#rooms li[data-room=general] .unread").getDomProperty("textContent")).isEmpty();
            bob.awaitMessage("bob?");
            assertThat(ann.consoleErrors()).as("ann's console (failed loads, e.g. a favicon 404)").isEmpty();
            assertThat(bob.consoleErrors()).as("bob's console").isEmpty();
        }
    }

    /**
     * Waits until {@code watcher} shows {@code seen} while {@code typist} types. Typing notices are volatile (dropped
     * for a busy connection): while its user keeps typing the page sends another every 1.5 s, so the typist types on
     * (a space and its deletion) until the watcher sees it.
     */
    static void awaitTyping(Browser typist, Browser watcher, String seen) {
        watcher.until(d -> {
            if (watcher.text("#typing").equals(seen)) {
                return true;
            }
            typist.find("#input").sendKeys(" " + org.openqa.selenium.Keys.BACK_SPACE);
            return null;
        });
    }

    /** The computed colour of {@code nick}'s name in the message list. */
    static Object nickColour(Browser b, String nick) {
        return b.js("return getComputedStyle(document.querySelector(`#messages li.msg[data-nick='${arguments[0]}'] .nick`)).color",
                nick);
    }

    /**
     * Every message of the list (all short) is one line of text high, and every message is as high as the others
     * (the server's history, rendered by the JSP, and the live ones, rendered by chat.js); messages that continue
     * their author's group (class {@code cont}) are compared among themselves.
     */
    static void assertOneLineEach(Browser b) {
        @SuppressWarnings("unchecked")
        java.util.List<java.util.Map<String, Object>> rows = (java.util.List<java.util.Map<String, Object>>) b.js("""
                return [...document.querySelectorAll("#messages li.msg")].map(li => {
                  const text = li.querySelector(".text");
                  return { id: li.dataset.id, cont: li.classList.contains("cont"), text: text.textContent,
                           height: Math.round(li.getBoundingClientRect().height),
                           textHeight: Math.round(text.getBoundingClientRect().height),
                           line: parseFloat(getComputedStyle(text).lineHeight) };
                });""");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        for (java.util.Map<String, Object> r : rows) {
            assertThat(((Number) r.get("textHeight")).doubleValue()).as("text height of %s", r)
                    .isLessThanOrEqualTo(((Number) r.get("line")).doubleValue() * 1.5);
        }
        for (boolean cont : new boolean[] {false, true}) {
            assertThat(rows.stream().filter(r -> r.get("cont").equals(cont)).map(r -> r.get("height")).distinct())
                    .as("heights of the messages (cont=%s): %s", cont, rows).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void theStatusAndTheLimitsTellTheTruth() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(); Browser ann = Browser.open(1000, 650)) {
            // the first status is "connecting…", then the nickname is asked for (not "reconnecting…", not "joining…")
            ann.recordStatus().get(war.baseUrl() + "/");
            ann.until(d -> ann.find("#login").isDisplayed() && "login".equals(ann.state()));
            assertThat(ann.statusLog()).containsExactly("connecting…", "choose a nickname");
            ann.find("#nick").sendKeys("ann\n");
            ann.awaitConnected();
            assertThat(ann.statusLog()).doesNotContain("reconnecting…");

            // a message over the server's limit (chat.maxMessageLength, 1000) is neither cut nor sent: the user is told
            String tooLong = "x".repeat(1100);
            ann.find("#input").sendKeys(tooLong);
            assertThat(ann.find("#input").getDomProperty("value")).isEqualTo(tooLong);
            assertThat(ann.text("#count")).isEqualTo("1100/1000");
            ann.find("#input").sendKeys("\n");
            assertThat(ann.text("#count")).isEqualTo("too long: 1100/1000 characters, not sent");
            assertThat(ann.find("#input").getDomProperty("value")).isEqualTo(tooLong);
            assertThat(ann.driver.findElements(By.cssSelector("#messages li.msg"))).isEmpty();
            ann.js("const i = document.getElementById('input'); i.value = ''; i.dispatchEvent(new Event('input'))");
            assertThat(ann.text("#count")).isEmpty();

            // 30 messages at once, more than the server's rate (5/s, bursts of 10): each is sent once, in order, and
            // the page says it is slowed down rather than "not sent"
            ann.js("""
                    const input = document.getElementById("input");
                    for (let i = 0; i < 30; i++) {
                      input.value = "burst " + i;
                      document.getElementById("composer").requestSubmit();
                    }""");
            ann.awaitMessage("burst 29");
            ann.until(d -> ann.driver.findElements(By.cssSelector("#messages li.pending")).isEmpty());
            assertThat(ann.driver.findElements(By.cssSelector("#messages li.msg[data-id] .text")))
                    .extracting(e -> e.getText())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "burst " + i).toList());
            assertThat(ann.driver.findElements(By.cssSelector("#messages li.failed, #messages li.notice"))).isEmpty();
            // one author's messages in a row: one group, under one header (nickname and time shown once)
            assertThat(ann.driver.findElements(By.cssSelector("#messages li.msg")))
                    .extracting(e -> e.getDomAttribute("class")).containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, 30).mapToObj(i -> i == 0 ? "msg" : "msg cont").toList());
            assertThat(ann.driver.findElements(By.cssSelector("#messages .nick")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed)).hasSize(1);
            assertThat(ann.statusLog()).anyMatch(s -> s.contains(" · slowed down by the server · "));
            ann.until(d -> ann.text("#status").equals("connected · websocket"));

            // a room that does not exist is said so, and offered to be created
            ann.get(war.baseUrl() + "/?room=nosuchroom&nick=ann2").awaitConnected();
            assertThat(ann.text("#room-error"))
                    .isEqualTo("There is no room #nosuchroom: you are in #general. Create it with the form under Rooms.");
            assertThat(ann.text("#room-name")).isEqualTo("general");
            assertThat(ann.find("#new-room-name").getDomProperty("value")).isEqualTo("nosuchroom");
            assertThat(ann.consoleErrors()).isEmpty();

            // a room name and a nickname are text too: shown literally, nothing runs
            String xss = java.net.URLEncoder.encode(XSS, java.nio.charset.StandardCharsets.UTF_8);
            ann.get(war.baseUrl() + "/?room=" + xss + "&nick=" + xss);
            ann.until(d -> ann.find("#login").isDisplayed() && !ann.text("#login-error").isEmpty());
            assertThat(ann.text("#room-error")).isEqualTo("There is no room #" + XSS + ": you are in #general.");
            assertThat(ann.text("#login-error")).isEqualTo("nickname too long (max 24 characters)");
            assertThat(ann.find("#nick").getDomProperty("value")).isEqualTo(XSS);
            assertThat(ann.driver.findElements(By.cssSelector("img"))).isEmpty();
            assertThatThrownBy(() -> ann.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            assertThat(ann.consoleErrors()).as("no CSP violation, no failed load").isEmpty();
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
            // who is online is unknown now: the list shows nobody, not the members of before
            assertThat(ann.driver.findElements(By.cssSelector("#members li")))
                    .extracting(e -> e.getText()).containsExactly("unknown while offline");
            assertThat(ann.text("#offline"))
                    .isEqualTo("You are offline: what you send now will be sent when the connection is back.");
            ann.send("typed while offline");
            ann.until(d -> ann.text("#status").contains("1 queued"));
            assertThat(ann.text("#offline"))
                    .isEqualTo("You are offline: 1 message will be sent when the connection is back.");

            war = WebappTomcat.start(port, jdbc, Map.of());
            try {
                ann.awaitConnected(); // reconnected by itself, with backoff
                ann.awaitMessage("typed while offline"); // the queued message, stored once it is back
                assertThat(ann.find("#offline").isDisplayed()).isFalse();
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
    void aNicknameBelongsToItsBrowser() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(); Browser gina = Browser.open(800, 600);
             Browser other = Browser.open(800, 600)) {
            // over polling, the connection of the page before a reload lingers until its heartbeat times out (45 s):
            // the reloaded page takes its nickname over rather than being refused
            String url = war.baseUrl() + "/?nick=gina&transports=polling";
            gina.get(url).awaitConnected();
            gina.send("first visit");
            gina.awaitMessage("first visit");
            gina.driver.navigate().refresh();
            gina.awaitConnected();
            assertThat(gina.text("#status")).isEqualTo("connected · polling");
            assertThat(gina.text("#members")).isEqualTo("gina");
            gina.send("after the reload");
            gina.awaitMessage("after the reload");

            // a second tab of the same browser: the nickname moves there; the first tab says so and stays off
            String firstTab = gina.driver.getWindowHandle();
            gina.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            gina.get(url).awaitConnected();
            gina.driver.switchTo().window(firstTab);
            gina.until(d -> "replaced".equals(gina.state()));
            assertThat(gina.text("#status")).isEqualTo("open in another tab");
            assertThat(gina.js("return window.chat.socket.active")).isEqualTo(false);
            assertThat(gina.find("#input").isEnabled()).isFalse();

            // another browser (another token) is refused the nickname
            other.get(url);
            other.until(d -> other.find("#login").isDisplayed() && !other.text("#login-error").isEmpty());
            assertThat(other.text("#login-error")).isEqualTo("nickname gina is taken in general");
        }
    }

    @Test
    void aRefusedConnectionIsShownAndNotRetried() throws Exception {
        // a database nobody listens on: the chat namespace refuses every connection in a middleware (CONNECT_ERROR)
        try (WebappTomcat war = WebappTomcat.start(0, "jdbc:postgresql://127.0.0.1:1/nowhere", Map.of());
             Browser ann = Browser.open(800, 600)) {
            ann.get(war.baseUrl() + "/?nick=ann");
            ann.until(d -> "refused".equals(ann.state()));
            assertThat(ann.text("#status")).isEqualTo("refused: chat storage unavailable");
            assertThat(ann.text("#server-error")).isEqualTo("The chat storage is unavailable; see the server log.");
            // as socket.io-client: the refused socket gives up (no reconnection scheduled)
            assertThat(ann.js("return [window.chat.socket.active, window.chat.socket.attempts]"))
                    .isEqualTo(java.util.List.of(false, 0L));
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
