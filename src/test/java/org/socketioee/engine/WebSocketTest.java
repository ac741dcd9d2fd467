package org.socketioee.engine;

import jakarta.websocket.CloseReason.CloseCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Recorder;
import org.socketioee.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on both WebSocket transports: the container's endpoint and our own framing on the Servlet upgrade. */
@ParameterizedClass
@ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
class WebSocketTest {
    @Parameter
    String webSocket;
    EmbeddedTomcat server;
    Recorder rec = new Recorder();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withMaxPayload(1000).withWebSocket(webSocket),
                e -> e.onConnection(rec));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WsClient connect() throws Exception {
        WsClient ws = WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{\"sid\":\"");
        return ws;
    }

    @Test
    void textAndBinaryMessagesBothWays() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            ws.send("4héllo €😀");
            ws.send(new byte[] {1, 2, 3, (byte) 255});
            assertThat(rec.nextMessage()).isEqualTo("héllo €😀");
            assertThat((byte[]) rec.nextMessage()).containsExactly(1, 2, 3, 255);
            s.send("back");
            s.send(new byte[] {4, 5});
            assertThat(ws.next()).isEqualTo("4back");
            assertThat((byte[]) ws.next()).containsExactly(4, 5);
        }
    }

    @Test
    void manyMessagesKeepTheirOrder() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            for (int i = 0; i < 2000; i++) {
                s.send("m" + i);
            }
            for (int i = 0; i < 2000; i++) {
                assertThat(ws.nextText()).isEqualTo("4m" + i);
            }
        }
    }

    @Test
    void messageOverMaxPayloadClosesTheConnectionWith1009() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            ws.sendRefused("4" + "x".repeat(1500));
            assertThat(ws.awaitClose().getCloseCode().getCode()).isEqualTo(CloseCodes.TOO_BIG.getCode());
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_ERROR);
        }
    }

    @Test
    void permessageDeflateIsNotNegotiatedAsInNode() {
        // Node and browser clients offer it; accepting it would compress every frame once per connection
        String head = org.socketioee.testing.RawHttp.upgrade(server.port(), "/socket.io/?EIO=4&transport=websocket",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }

    @Test
    void maxPayloadCountsUtf8BytesNotChars() throws Exception {
        try (WsClient ok = connect(); WsClient big = connect()) {
            rec.nextConnection();
            EngineSession b = rec.nextConnection();
            ok.send("4" + "é".repeat(499)); // 999 bytes with the type
            assertThat(rec.nextMessage()).isEqualTo("é".repeat(499));
            big.sendRefused("4" + "é".repeat(600)); // 600 chars, 1201 bytes: over 1000, as Node's ws counts
            assertThat(big.awaitClose().getCloseCode().getCode()).isEqualTo(CloseCodes.TOO_BIG.getCode());
            assertThat(rec.closeReason(b.id())).isEqualTo(CloseReason.TRANSPORT_ERROR);
        }
    }

    @Test
    void utf8LengthOfEveryKindOfChar() {
        assertThat(EngineWebSocketEndpoint.utf8Length("aé€😀")).isEqualTo("aé€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(EngineWebSocketEndpoint.utf8Length("😀".substring(0, 1)) + EngineWebSocketEndpoint.utf8Length("😀".substring(1)))
                .isEqualTo(4);
    }

    @Test
    void binaryOverMaxPayloadClosesTheConnection() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            ws.sendRefused(new byte[20_000]);
            assertThat(ws.awaitClose().getCloseCode().getCode()).isEqualTo(CloseCodes.TOO_BIG.getCode());
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_ERROR);
        }
    }

    @Test
    void invalidPacketClosesWithParseErrorAndOthersAreUntouched() throws Exception {
        try (WsClient bad = connect(); WsClient good = connect()) {
            EngineSession b = rec.nextConnection();
            EngineSession g = rec.nextConnection();
            bad.send("9what");
            bad.awaitClose();
            assertThat(rec.closeReason(b.id())).isEqualTo(CloseReason.PARSE_ERROR);
            good.send("4fine");
            assertThat(rec.nextMessage()).isEqualTo("fine");
            assertThat(g.isOpen()).isTrue();
        }
    }

    @Test
    void emptyFrameIsAParseError() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            ws.send("");
            ws.awaitClose();
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.PARSE_ERROR);
        }
    }

    @Test
    void clientClosingTheSocketIsATransportClose() throws Exception {
        WsClient ws = connect();
        EngineSession s = rec.nextConnection();
        ws.close();
        assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        assertThat(server.engine().session(s.id())).isNull();
    }

    @Test
    void closePacketIsATransportClose() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            ws.send("1");
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
            ws.awaitClose();
        }
    }

    @Test
    void serverCloseDeliversQueuedMessagesThenClosesTheSocket() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            s.send("goodbye");
            s.close();
            assertThat(ws.nextText()).isEqualTo("4goodbye");
            assertThat(ws.awaitClose().getCloseCode().getCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE.getCode());
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.FORCED_CLOSE);
        }
    }

    @Test
    void secondWebSocketForAWebSocketSessionIsClosed() throws Exception {
        try (WsClient ws = connect()) {
            EngineSession s = rec.nextConnection();
            try (WsClient intruder = WsClient.connect("ws://localhost:" + server.port()
                    + "/socket.io/?EIO=4&transport=websocket&sid=" + s.id())) {
                intruder.awaitClose();
            }
            assertThat(s.isOpen()).isTrue();
            s.send("still mine");
            assertThat(ws.nextText()).isEqualTo("4still mine");
        }
    }
}
