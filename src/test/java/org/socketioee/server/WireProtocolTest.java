package org.socketioee.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.examples.ConformanceHandlers;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.WsClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Socket.IO v5 packets on the wire, as the spec's examples and the Node server write them. */
class WireProtocolTest {
    EmbeddedTomcat server;
    SocketIoServer io;

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            // short enough for the connect-timeout test, long enough that a loaded machine's first CONNECT is not
            // taken over by it (at 500 ms the timer closed a session whose CONNECT had just been answered)
            io = new SocketIoServer(engine, ServerOptions.defaults().withConnectTimeout(Duration.ofMillis(2000)));
            ConformanceHandlers.install(io);
        });
    }

    @AfterEach
    void stop() {
        io.close();
        server.close();
    }

    WsClient open() throws Exception {
        WsClient ws = WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{");
        return ws;
    }

    @Test
    void connectEventsAndAcks() throws Exception {
        try (WsClient ws = open()) {
            ws.send("40{\"token\":\"abc\"}");
            String connect = ws.nextText();
            assertThat(connect).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
            assertThat(ws.nextText()).isEqualTo("42[\"auth\",{\"token\":\"abc\"}]");
            ws.send("42[\"message\",1,\"two\",{\"three\":[3]}]");
            assertThat(ws.nextText()).isEqualTo("42[\"message-back\",1,\"two\",{\"three\":[3]}]");
            ws.send("4213[\"message-with-ack\",\"é\",null]");
            assertThat(ws.nextText()).isEqualTo("4313[\"é\",null]");
            ws.send("42[\"message\"]");
            assertThat(ws.nextText()).isEqualTo("42[\"message-back\"]");
        }
    }

    @Test
    void namespacesShareTheConnectionWithDistinctIds() throws Exception {
        try (WsClient ws = open()) {
            ws.send("40");
            String main = ws.nextText();
            assertThat(ws.nextText()).isEqualTo("42[\"auth\",{}]");
            ws.send("40/custom,{\"x\":1}");
            String custom = ws.nextText();
            assertThat(custom).startsWith("40/custom,{\"sid\":\"");
            assertThat(custom.substring(custom.indexOf('{'))).isNotEqualTo(main.substring(main.indexOf('{')));
            assertThat(ws.nextText()).isEqualTo("42/custom,[\"auth\",{\"x\":1}]");
        }
    }

    @Test
    void unknownNamespaceIsRefusedExactlyAsNode() throws Exception {
        try (WsClient ws = open()) {
            ws.send("40/nope,");
            assertThat(ws.nextText()).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
        }
    }

    @Test
    void binaryEventsComeBackWithTheirAttachments() throws Exception {
        try (WsClient ws = open()) {
            ws.send("40");
            ws.nextText();
            ws.nextText();
            ws.send("451-[\"message\",{\"deep\":[{\"_placeholder\":true,\"num\":0}]}]");
            ws.send(new byte[] {1, 2, 3});
            assertThat(ws.nextText()).isEqualTo("451-[\"message-back\",{\"deep\":[{\"_placeholder\":true,\"num\":0}]}]");
            assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void clientThatJoinsNoNamespaceIsClosedAfterConnectTimeout() throws Exception {
        try (WsClient ws = open()) {
            ws.awaitClose();
        }
    }

    @Test
    void malformedPacketClosesThatConnection() throws Exception {
        try (WsClient ws = open(); WsClient other = open()) {
            other.send("40");
            other.nextText();
            other.nextText();
            ws.send("4{not socket.io");
            ws.awaitClose();
            other.send("42[\"message\",\"ok\"]");
            assertThat(other.nextText()).isEqualTo("42[\"message-back\",\"ok\"]");
        }
    }
}
