package org.socketioee.it;

import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;
import org.socketioee.testing.WsClient;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user gets from the packaged WAR in a running server, checked from outside: the handshake, errors as Node
 * answers them, polling upgraded to WebSocket, a WebSocket-only session, examples off, the chat page and the chat
 * namespace storing a message in the server's database. The same checks for every server (DeployedWarIT: the
 * build's Tomcat; OtherServersIT: the Jetty, WildFly and GlassFish launches, and Tomcat's second transport).
 */
final class WarChecks {
    private final String base;
    private final String ws;

    WarChecks(String base) {
        this.base = base;
        this.ws = base.replaceFirst("^http", "ws");
    }

    void all() throws Exception {
        pollingHandshakeAtTheContextRoot();
        errorsAnswerLikeNode();
        pollingUpgradedToWebSocket();
        webSocketOnlySession();
        examplesAreOffInTheDefaultLaunch();
        chatPageAndNamespaceOnTheContainerDataSource();
    }

    void pollingHandshakeAtTheContextRoot() {
        HttpResponse<String> res = Http.get(base + "/socket.io/?EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).matches(
                "0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    void errorsAnswerLikeNode() {
        HttpResponse<String> res = Http.get(base + "/socket.io/?EIO=3&transport=polling");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    }

    void pollingUpgradedToWebSocket() throws Exception {
        EngineClient c = EngineClient.open(base, "/socket.io/");
        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(c.url());
        try (WsClient w = WsClient.connect(ws + "/socket.io/?EIO=4&transport=websocket&sid=" + c.sid)) {
            w.send("2probe");
            assertThat(w.nextText()).isEqualTo("3probe");
            assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
            w.send("5");
            // a GET that reaches the server before the upgrade packet is a poll like any other: the upgrade ends
            // it with a noop, as Node does; once upgraded, polling is refused
            HttpResponse<String> after = c.get();
            if (after.statusCode() == 200) {
                assertThat(after.body()).isEqualTo("6");
                after = c.get();
            }
            assertThat(after.statusCode()).isEqualTo(400);
        }
    }

    void webSocketOnlySession() throws Exception {
        try (WsClient w = WsClient.connect(ws + "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(w.nextText()).startsWith("0{\"sid\":\"").contains("\"upgrades\":[]");
        }
    }

    void examplesAreOffInTheDefaultLaunch() {
        assertThat(Http.get(base + "/engine.io/?EIO=4&transport=polling").statusCode()).isEqualTo(404);
    }

    void chatPageAndNamespaceOnTheContainerDataSource() throws Exception {
        HttpResponse<String> page = Http.get(base + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<li data-room=\"general\"", "js/chat.js");
        String text = "stored in the real server " + System.nanoTime();
        try (WsClient w = WsClient.connect(ws + "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(w.nextText()).startsWith("0{\"sid\":\"");
            w.send("40/chat,");
            assertThat(w.nextText()).startsWith("40/chat,{\"sid\":\"");
            w.send("42/chat,1[\"join\",{\"room\":\"general\",\"nick\":\"it" + System.nanoTime() % 100000 + "\"}]");
            w.send("42/chat,2[\"message\",{\"text\":\"" + text + "\"}]");
            String ack;
            do {
                ack = w.nextText();
            } while (!ack.startsWith("43/chat,2["));
            assertThat(ack).contains("\"text\":\"" + text + "\"", "\"id\":");
        }
        // stored: the page renders it from the database
        assertThat(Http.get(base + "/").body()).contains(text);
    }
}
