package org.socketioee.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Recorder;
import org.socketioee.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on both WebSocket transports: the container's endpoint and our own framing on the Servlet upgrade. */
@ParameterizedClass
@ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
class HeartbeatTest {
    @Parameter
    String webSocket;
    EmbeddedTomcat server;
    Recorder rec = new Recorder();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withHeartbeat(200, 300).withWebSocket(webSocket),
                e -> e.onConnection(rec));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void openPacketAnnouncesTheConfiguredHeartbeat() {
        String open = org.socketioee.testing.Http.get(server.baseUrl() + "/socket.io/?EIO=4&transport=polling").body();
        assertThat(open).contains("\"pingInterval\":200,\"pingTimeout\":300,");
    }

    @Test
    void pollingClientThatAnswersPingsStaysAlive() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        for (int i = 0; i < 4; i++) {
            assertThat(c.get().body()).isEqualTo("2");
            assertThat(c.post("3").body()).isEqualTo("ok");
        }
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void pollingClientThatDoesNotAnswerIsClosedWithPingTimeout() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        assertThat(c.get().body()).isEqualTo("2");
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.PING_TIMEOUT);
        assertThat(c.get().statusCode()).isEqualTo(400);
    }

    @Test
    void webSocketClientThatAnswersStaysAliveAndOneThatStopsIsClosed() throws Exception {
        try (WsClient ws = WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket")) {
            ws.nextText();
            EngineSession s = rec.nextConnection();
            for (int i = 0; i < 3; i++) {
                assertThat(ws.nextText()).isEqualTo("2");
                ws.send("3");
            }
            assertThat(s.isOpen()).isTrue();
            assertThat(ws.nextText()).isEqualTo("2"); // not answered
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.PING_TIMEOUT);
            ws.awaitClose();
        }
    }
}
