package org.socketioee.admin;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;
import org.socketioee.testing.Browser;
import org.socketioee.testing.Node;
import org.socketioee.testing.Readme;
import org.socketioee.testing.WebappTomcat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Admin UI's own built files (the npm package's {@code ui/dist}, installed with the Node interop scripts'
 * dependencies), served by this test from another origin as admin.socket.io would be, in headless Chromium
 * against the WAR with {@code socketio.admin.*} set: it logs in, lists the chat's sockets and rooms, and
 * disconnects one, which its client sees as the server's disconnection.
 */
class AdminUiBrowserTest {
    @Test
    void logsInListsSocketsAndRoomsAndDisconnectsOne() throws Exception {
        Node.require();
        Browser.assumeInstalled();
        Path dist = Node.DIR.resolve("node_modules/@socket.io/admin-ui/ui/dist");
        HttpServer ui = serve(dist);
        String uiOrigin = "http://localhost:" + ui.getAddress().getPort();
        try (WebappTomcat war = WebappTomcat.start(0, null, readmeParameters(uiOrigin));
             // the page asks Google Fonts and jsDelivr for its fonts and icons: refused at once, nothing leaves
             Browser browser = Browser.open(1400, 900, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost")) {
            Socket alice = chatUser(war, "alice");
            Socket bob = chatUser(war, "bob");
            String aliceId = alice.id();
            String bobId = bob.id();
            BlockingQueue<String> aliceDisconnect = new LinkedBlockingQueue<>();
            alice.onDisconnect(r -> aliceDisconnect.add(r.text()));
            try {
                browser.get(uiOrigin + "/");
                List<WebElement> fields = browser.until(d -> {
                    List<WebElement> f = d.findElements(By.cssSelector(".v-dialog input[type=text], "
                            + ".v-dialog input[type=password]"));
                    return f.size() >= 3 && f.get(0).isDisplayed() ? f : null;
                });
                fields.get(0).sendKeys(war.baseUrl());
                fields.get(1).sendKeys("admin");
                fields.get(2).sendKeys("changeit");
                browser.find(".v-dialog button[type=submit]").click();
                browser.until(d -> d.findElements(By.cssSelector(".v-dialog")).stream().noneMatch(WebElement::isDisplayed));

                browser.js("location.hash = '#/sockets/'");
                selectNamespace(browser, "/chat");
                browser.until(d -> rowsText(browser).contains(aliceId) && rowsText(browser).contains(bobId));

                browser.js("location.hash = '#/rooms/'");
                browser.until(d -> rowsText(browser).contains("general"));
                assertThat(rowsText(browser)).contains("general");

                browser.js("location.hash = '#/sockets/'");
                WebElement row = browser.until(d -> d.findElements(By.cssSelector(".v-main tbody tr")).stream()
                        .filter(r -> r.getText().contains(aliceId)).findFirst().orElse(null));
                row.findElement(By.cssSelector("button")).click();
                // the server disconnected alice's socket from /chat: her client is told so, bob's stays
                assertThat(aliceDisconnect.poll(20, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
                assertThat(bob.connected()).isTrue();
                browser.js("location.hash = '#/sockets/'");
                browser.until(d -> !rowsText(browser).contains(aliceId) && rowsText(browser).contains(bobId));
            } finally {
                alice.io().close();
                bob.io().close();
            }
        } finally {
            ui.stop(0);
        }
    }

    /**
     * The README's {@code <Parameter>} lines for the context file, as a reader copies them: the hash of the test's
     * password in place of {@code $2a$10$…}, the served UI's origin in place of admin.socket.io.
     */
    private static Map<String, String> readmeParameters(String uiOrigin) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<Parameter name=\"([^\"]+)\" value=\"([^\"]*)\" override=\"false\"/>")
                .matcher(Readme.block("AdminUiBrowserTest starts the WAR with these parameters", "xml"));
        while (m.find()) {
            params.put(m.group(1), m.group(2).replace("$2a$10$…", AdminUiTest.HASH)
                    .replace("https://admin.socket.io", uiOrigin));
        }
        assertThat(params).containsKeys("socketio.admin.enabled", "socketio.admin.passwordHash",
                "socketio.cors.origins").containsEntry("socketio.admin.passwordHash", AdminUiTest.HASH);
        return params;
    }

    /** A chat user in room {@code general} (the project's Java client, as the README's HelloChat). */
    private static Socket chatUser(WebappTomcat war, String nick) throws Exception {
        Socket s = IO.socket(war.baseUrl() + "/chat", ClientOptions.defaults().withForceNew(true)
                .withReconnection(false));
        Map<?, ?> joined = (Map<?, ?>) s.timeout(Duration.ofSeconds(20))
                .emitWithAck("join", Map.of("room", "general", "nick", nick)).get(30, TimeUnit.SECONDS).get(0);
        assertThat(joined.get("error")).as("join as " + nick).isNull();
        return s;
    }

    /** Picks a namespace in the UI's selector (a Vuetify select: its menu lists the namespaces). */
    private static void selectNamespace(Browser browser, String name) {
        browser.until(d -> d.findElements(By.cssSelector(".v-main .v-select .v-select__slot")).stream().findFirst()
                .orElse(null)).click();
        browser.until(d -> d.findElements(By.cssSelector(".v-menu__content.menuable__content__active .v-list-item")).stream()
                .filter(i -> i.getText().trim().equals(name)).findFirst().orElse(null)).click();
    }

    private static String rowsText(Browser browser) {
        // in one script: the table re-renders as events arrive, which would make elements found earlier stale
        return (String) browser.js("return [...document.querySelectorAll('.v-main tbody tr')]"
                + ".map(r => r.innerText).join('\\n')");
    }

    /** The built UI as static files (what a CDN or admin.socket.io serves), on a free port of localhost. */
    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            try (exchange) {
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String name = file.getFileName().toString();
                exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                        : name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                        : name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png"
                        : "application/octet-stream");
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server;
    }
}
