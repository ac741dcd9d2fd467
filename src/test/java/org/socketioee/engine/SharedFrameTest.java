package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.parser.Packet;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawWebSocket;
import org.socketioee.testing.Recorder;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the upgrade transport a packet handed to several sessions (as a broadcast does) is encoded into its
 * WebSocket frame once: the first connection that writes it keeps the frame on the packet, the others write
 * those same bytes.
 */
class SharedFrameTest {
    @Test
    void onePacketSentToTwoConnectionsIsEncodedOnceAndArrivesAtBoth() throws Exception {
        Recorder rec = new Recorder();
        try (EmbeddedTomcat server = EmbeddedTomcat.startPinned(
                EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_UPGRADE), e -> e.onConnection(rec));
             RawWebSocket a = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket");
             RawWebSocket b = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket")) {
            String sidA = sid(a.next().text());
            sid(b.next().text());
            // the two sessions reach the listener on whichever threads ran their handshakes: pair them by sid
            EngineSession first = rec.nextConnection();
            EngineSession second = rec.nextConnection();
            EngineSession sa = first.id().equals(sidA) ? first : second;
            EngineSession sb = sa == first ? second : first;
            Packet broadcast = Packet.message("to everyone €");
            assertThat(broadcast.webSocketFrame()).isNull();
            sa.sendPacket(broadcast);
            assertThat(a.next().text()).isEqualTo("4to everyone €");
            byte[] frame = broadcast.webSocketFrame();
            assertThat(frame).as("encoded by the first connection, kept on the packet").isNotNull();
            sb.sendPacket(broadcast);
            assertThat(b.next().text()).isEqualTo("4to everyone €");
            assertThat(broadcast.webSocketFrame()).as("the second connection wrote the same frame").isSameAs(frame);
            byte[] payload = "4to everyone €".getBytes(StandardCharsets.UTF_8);
            assertThat(frame).hasSize(2 + payload.length).startsWith(0x81, payload.length);
        }
    }

    private static String sid(String open) {
        assertThat(open).startsWith("0{\"sid\":\"");
        return open.substring(9, open.indexOf('"', 9));
    }
}
