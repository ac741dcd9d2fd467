package org.socketioee.it;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;
import org.socketioee.testing.WsClient;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged WAR in the Cargo-managed Tomcat 11 (started by `mvn verify` before this runs): what a user gets
 * from the run command.
 */
class DeployedWarIT {
    static final String BASE = System.getProperty("it.baseUrl", "http://localhost:18181");
    static final String WS = BASE.replaceFirst("^http", "ws");

    @Test
    void pollingHandshakeAtTheContextRoot() {
        HttpResponse<String> res = Http.get(BASE + "/socket.io/?EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).matches(
                "0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    @Test
    void errorsAnswerLikeNode() {
        HttpResponse<String> res = Http.get(BASE + "/socket.io/?EIO=3&transport=polling");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
    }

    @Test
    void pollingUpgradedToWebSocketInTheRealTomcat() throws Exception {
        EngineClient c = EngineClient.open(BASE, "/socket.io/");
        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(c.url());
        try (WsClient ws = WsClient.connect(WS + "/socket.io/?EIO=4&transport=websocket&sid=" + c.sid)) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");
            assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
            ws.send("5");
            assertThat(c.get().statusCode()).isEqualTo(400);
        }
    }

    @Test
    void webSocketOnlySession() throws Exception {
        try (WsClient ws = WsClient.connect(WS + "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(ws.nextText()).startsWith("0{\"sid\":\"").contains("\"upgrades\":[]");
        }
    }

    @Test
    void examplesAreOffInTheDefaultLaunch() {
        assertThat(Http.get(BASE + "/engine.io/?EIO=4&transport=polling").statusCode()).isEqualTo(404);
    }

    @Test
    void chatPageAndNamespaceOnTheContainerDataSource() throws Exception {
        HttpResponse<String> page = Http.get(BASE + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<li data-room=\"general\"", "js/chat.js");
        try (WsClient ws = WsClient.connect(WS + "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(ws.nextText()).startsWith("0{\"sid\":\"");
            ws.send("40/chat,");
            assertThat(ws.nextText()).startsWith("40/chat,{\"sid\":\"");
            ws.send("42/chat,1[\"join\",{\"room\":\"general\",\"nick\":\"it\"}]");
            ws.send("42/chat,2[\"message\",{\"text\":\"stored in the real Tomcat\"}]");
            String ack;
            do {
                ack = ws.nextText();
            } while (!ack.startsWith("43/chat,2["));
            assertThat(ack).contains("\"text\":\"stored in the real Tomcat\"", "\"id\":");
        }
    }
}
