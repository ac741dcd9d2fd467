package org.socketioee.chat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.socketioee.testing.Browser;
import org.socketioee.testing.WebappTomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as people see it, after a reload with history: desktop and phone, light and dark. Screenshots go to
 * {@code target/screenshots/}; the README's picture ({@code src/site/images/chat.png}, tracked) is replaced only when
 * asked: {@code mvn test -Dtest=ChatScreenshotTest -Dchat.screenshot.update=true}.
 */
class ChatScreenshotTest {
    static final Path BASE = Path.of(System.getProperty("basedir", "."));
    static final Path OUT = BASE.resolve("target/screenshots");
    static final Path README_PICTURE = BASE.resolve("src/site/images/chat.png");

    @Test
    void desktopAndPhoneInLightAndDarkAfterAReload() throws Exception {
        try (WebappTomcat war = WebappTomcat.start();
             Browser ann = Browser.open(1100, 700); Browser bob = Browser.open(390, 780);
             ChatClient cid = ChatClient.connect(war.port())) {
            ann.get(war.baseUrl() + "/?nick=ann").awaitConnected();
            bob.get(war.baseUrl() + "/?nick=bob").awaitConnected();
            ann.send("Morning! Is the release out?");
            ann.send("The 0.1 one, I mean");
            bob.awaitMessage("The 0.1 one, I mean");
            bob.send("Yes, tagged ten minutes ago");
            bob.send("History is kept across restarts now, try a reload");
            ann.awaitMessage("History is kept across restarts now, try a reload");
            ann.send("Reloading…");
            bob.awaitMessage("Reloading…");

            // after a reload: the history comes from the server
            ann.driver.navigate().refresh();
            bob.driver.navigate().refresh();
            ann.awaitConnected();
            bob.awaitConnected();
            ann.send("Still here, grouped and coloured");
            bob.awaitMessage("Still here, grouped and coloured");
            // someone in another room: an unread count in the sidebar
            cid.askObject("join", ChatNamespaceTest.join("random", "cid"));
            cid.askObject("message", "{\"text\":\"anyone for lunch?\"}");
            ann.until(d -> ann.text("#rooms li[data-room=random] .unread").equals("1"));
            bob.find("#input").sendKeys("See you");
            ChatBrowserTest.awaitTyping(bob, ann, "bob is typing…");
            ChatBrowserTest.assertOneLineEach(ann);
            ChatBrowserTest.assertOneLineEach(bob);

            Files.createDirectories(OUT);
            Path desktop = shoot(ann, "chat-desktop-light.png", "light");
            shoot(bob, "chat-phone-light.png", "light");
            shoot(ann, "chat-desktop-dark.png", "dark");
            shoot(bob, "chat-phone-dark.png", "dark");
            assertThat(ann.consoleErrors()).isEmpty();
            assertThat(bob.consoleErrors()).isEmpty();
            if (Boolean.getBoolean("chat.screenshot.update")) {
                Files.copy(desktop, README_PICTURE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A screenshot in the given colour scheme (prefers-color-scheme, emulated), after checking the page follows it. */
    private static Path shoot(Browser b, String name, String scheme) throws Exception {
        b.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        assertThat(b.js("return getComputedStyle(document.body).backgroundColor"))
                .isEqualTo(scheme.equals("dark") ? "rgb(18, 21, 27)" : "rgb(245, 246, 248)");
        Path file = OUT.resolve(name);
        Files.copy(b.driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
