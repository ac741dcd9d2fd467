package org.socketioee.engine;

import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.examples.EngineEcho;
import org.socketioee.testing.WsClient;

import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same annotated endpoint, encoder and decoders, deployed by GlassFish's WebSocket implementation (Tyrus
 * standalone on Grizzly) instead of Tomcat: WebSocket-only mode, no servlet anywhere.
 */
class TyrusStandalonePortabilityTest {
    Server tyrus;
    EngineServer engine;
    int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        engine = new EngineServer(EngineOptions.defaults().withTransports("websocket").withHeartbeat(300, 300));
        EngineEcho.install(engine);
        EngineServer.useStandalone(engine);
        tyrus = new Server("localhost", port, "/", Map.of(), EngineWebSocketEndpoint.class);
        tyrus.start();
    }

    @AfterEach
    void stop() {
        tyrus.stop();
        engine.shutdown();
    }

    @Test
    void engineIoSessionOverTyrus() throws Exception {
        try (WsClient ws = WsClient.connect("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(ws.nextText()).matches(
                    "0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],\"pingInterval\":300,\"pingTimeout\":300,\"maxPayload\":1000000}");
            ws.send("4hello from tyrus €");
            assertThat(ws.nextText()).isEqualTo("4hello from tyrus €");
            ws.send(new byte[] {1, 2, 3});
            assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
            assertThat(ws.nextText()).isEqualTo("2");
            ws.send("3");
            assertThat(engine.sessionCount()).isEqualTo(1);
            ws.send("not a packet");
            ws.awaitClose();
        }
    }

    @Test
    void handshakeChecksApplyWithoutTheServletGate() throws Exception {
        try (WsClient ws = WsClient.connect("ws://localhost:" + port + "/socket.io/?EIO=3&transport=websocket")) {
            assertThat(ws.awaitClose().getReasonPhrase()).isEqualTo("Unsupported protocol version");
        }
        assertThat(engine.sessionCount()).isZero();
    }
}
