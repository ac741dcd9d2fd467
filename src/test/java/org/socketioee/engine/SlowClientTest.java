package org.socketioee.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Recorder;
import org.socketioee.testing.WsClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A WebSocket client that stops reading: the server's sends still return at once, another client is served
 * meanwhile, and the stalled one is closed when its bounded queue overflows.
 */
class SlowClientTest {
    @ParameterizedTest(name = "websocket {0}")
    @ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
    void stalledReaderNeitherBlocksTheCallerNorOtherClients(String webSocket) throws Exception {
        Recorder rec = new Recorder();
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults().withMaxBufferedPackets(200)
                        .withWebSocket(webSocket), e -> e.onConnection(rec));
             Socket stalled = new Socket("localhost", server.port())) {
            // a raw WebSocket handshake, after which this socket never reads again
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = stalled.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
            EngineSession slow = rec.nextConnection();

            try (WsClient fast = WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket")) {
                fast.nextText();
                EngineSession other = rec.nextConnection();
                String big = "x".repeat(64 * 1024);
                // far more than the socket buffers hold: every call must still return immediately
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    int accepted = 0;
                    while (slow.send(big)) {
                        accepted++;
                        other.send("tick " + accepted);
                        assertThat(accepted).isLessThan(100_000);
                    }
                });
                assertThat(rec.closeReason(slow.id())).isEqualTo(CloseReason.TRANSPORT_ERROR);
                assertThat(fast.nextText()).isEqualTo("4tick 1");
                assertThat(other.isOpen()).isTrue();
            }
        }
    }
}
