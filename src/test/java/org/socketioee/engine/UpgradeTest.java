package org.socketioee.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;
import org.socketioee.testing.RawHttp;
import org.socketioee.testing.Recorder;
import org.socketioee.testing.WsClient;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs on both WebSocket transports: the container's endpoint and our own framing on the Servlet upgrade. */
@ParameterizedClass
@ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
class UpgradeTest {
    @Parameter
    String webSocket;
    EmbeddedTomcat server;
    Recorder rec = new Recorder();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withUpgradeTimeout(500).withWebSocket(webSocket),
                e -> e.onConnection(rec));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WsClient probe(EngineClient c) throws Exception {
        return WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket&sid=" + c.sid);
    }

    @Test
    void pollingUpgradesToWebSocket() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(c.url());
        assertThat(pending).failsWithin(200, TimeUnit.MILLISECONDS);
        try (WsClient ws = probe(c)) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");
            // the paused client's pending GET is released with a noop
            assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
            // messages sent during the upgrade wait in the queue, then go over the new transport
            s.send("queued during upgrade");
            assertThat(s.transportName()).isEqualTo("polling");
            ws.send("5");
            assertThat(ws.nextText()).isEqualTo("4queued during upgrade");
            assertThat(s.transportName()).isEqualTo("websocket");
            ws.send("4over ws");
            assertThat(rec.nextMessage()).isEqualTo("over ws");
            s.send(new byte[] {7});
            assertThat((byte[]) ws.next()).containsExactly(7);

            // after the upgrade, the old transport is refused
            HttpResponse<String> get = c.get();
            assertThat(get.statusCode()).isEqualTo(400);
            assertThat(get.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertThat(c.post("4late").statusCode()).isEqualTo(400);
            // and so is a second WebSocket
            try (WsClient again = probe(c)) {
                again.awaitClose();
            }
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void probeWithoutUpgradeTimesOutAndPollingGoesOn() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        try (WsClient ws = probe(c)) {
            ws.send("2probe");
            assertThat(ws.nextText()).isEqualTo("3probe");
            ws.awaitClose(); // upgradeTimeout (500 ms) without "5"
        }
        assertThat(s.isOpen()).isTrue();
        assertThat(s.transportName()).isEqualTo("polling");
        s.send("still polling");
        await().atMost(5, TimeUnit.SECONDS).until(() -> c.get().body().contains("4still polling"));
    }

    @Test
    void unexpectedPacketDuringProbeAbortsTheUpgradeOnly() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        try (WsClient ws = probe(c)) {
            ws.send("4not a probe");
            ws.awaitClose();
        }
        assertThat(s.isOpen()).isTrue();
        assertThat(c.post("4hi").body()).isEqualTo("ok");
        assertThat(rec.nextMessage()).isEqualTo("hi");
    }

    @Test
    void webSocketHandshakeErrorsAnswerLikePollingOnes() {
        String unknownSid = RawHttp.upgrade(server.port(), "/socket.io/?EIO=4&transport=websocket&sid=unknown");
        assertThat(unknownSid).startsWith("HTTP/1.1 400 \r\n")
                .endsWith("\r\n\r\n{\"code\":1,\"message\":\"Session ID unknown\"}");
        String badVersion = RawHttp.upgrade(server.port(), "/socket.io/?EIO=3&transport=websocket");
        assertThat(badVersion).startsWith("HTTP/1.1 400 \r\n")
                .endsWith("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        String ok = RawHttp.upgrade(server.port(), "/socket.io/?EIO=4&transport=websocket");
        assertThat(ok).startsWith("HTTP/1.1 101 \r\n").containsIgnoringCase("upgrade: websocket");
    }
}
