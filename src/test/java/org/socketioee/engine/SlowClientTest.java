package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.server.DisconnectReason;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.RawWebSocket;
import org.socketioee.testing.Recorder;
import org.socketioee.testing.WsClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A WebSocket client that stops reading: the server's sends still return at once, another client is served
 * meanwhile, and the stalled one is closed when its bounded queue overflows (in packets or in bytes) or when its
 * writes stall past {@code sendTimeout}; healthy receivers of the same broadcasts miss nothing.
 */
class SlowClientTest {
    private static final String WS_PATH = "/socket.io/?EIO=4&transport=websocket";
    private static final String BIG = "x".repeat(16 * 1024);
    @ParameterizedTest(name = "websocket {0}")
    @ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
    void stalledReaderNeitherBlocksTheCallerNorOtherClients(String webSocket) throws Exception {
        Recorder rec = new Recorder();
        try (EmbeddedTomcat server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withMaxBufferedPackets(200)
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

    /** A Socket.IO server in an embedded Tomcat whose "/" sockets are handed to {@link #connected}. */
    private record IoServer(EmbeddedTomcat tomcat, SocketIoServer io,
                            BlockingQueue<org.socketioee.server.Socket> connected) implements AutoCloseable {
        static IoServer start(EngineOptions options) {
            BlockingQueue<org.socketioee.server.Socket> connected = new LinkedBlockingQueue<>();
            SocketIoServer[] io = new SocketIoServer[1];
            EmbeddedTomcat tomcat = EmbeddedTomcat.startPinned(options, engine -> { // (run on each transport)
                io[0] = SocketIoServer.attach(engine);
                io[0].onConnection(connected::add);
            });
            return new IoServer(tomcat, io[0], connected);
        }

        org.socketioee.server.Socket next() throws InterruptedException {
            org.socketioee.server.Socket s = connected.poll(5, TimeUnit.SECONDS);
            assertThat(s).as("a connection within 5 s").isNotNull();
            return s;
        }

        @Override
        public void close() {
            io.close();
            tomcat.close();
        }
    }

    /** A raw client with a 4 KB receive buffer, connected to "/", that reads nothing after this. Its engine id. */
    private static String connectNonReader(RawWebSocket raw) throws Exception {
        String open = raw.next().text();
        raw.send(RawWebSocket.text("40"));
        assertThat(raw.next().text()).startsWith("40{\"sid\":");
        return RawSocketIo.sid(open);
    }

    @ParameterizedTest(name = "websocket {0}")
    @ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
    void aNonReaderInARoomIsCutOffByTheByteBoundAndHealthyReceiversGetEveryBroadcast(String webSocket)
            throws Exception {
        // 1 MB: about 60 broadcasts of 16 KB; the packet bound (10,000) is never reached
        EngineOptions options = EngineOptions.defaults().withMaxBufferedBytes(1_000_000).withWebSocket(webSocket);
        try (LogCapture log = new LogCapture("org.socketioee", Level.WARNING);
             IoServer server = IoServer.start(options);
             RawWebSocket stalled = RawWebSocket.connect(server.tomcat().port(), WS_PATH, 4096)) {
            String stalledId = connectNonReader(stalled);
            org.socketioee.server.Socket slow = server.next().join("room");
            CompletableFuture<DisconnectReason> slowReason = new CompletableFuture<>();
            slow.onDisconnect(slowReason::complete);
            List<RawSocketIo> healthy = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawSocketIo c = RawSocketIo.open(server.tomcat().port());
                    healthy.add(c);
                    c.connect("/", null);
                    server.next().join("room");
                }
                // 400 broadcasts of 16 KB (6.5 MB), each read by every healthy receiver before the next: they are
                // never behind, the non-reader falls 1 MB behind (plus what the socket buffers took) and is cut off
                for (int i = 0; i < 400; i++) {
                    server.io().to("room").emit("big", i, BIG);
                    for (RawSocketIo c : healthy) {
                        assertThat(c.next()).isEqualTo("2[\"big\"," + i + ",\"" + BIG + "\"]");
                    }
                }
                assertThat(slowReason.get(5, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.TRANSPORT_ERROR);
                server.io().to("room").emit("after");
                for (RawSocketIo c : healthy) {
                    assertThat(c.next()).isEqualTo("2[\"after\"]"); // still connected, nothing else in between
                }
            } finally {
                for (RawSocketIo c : healthy) {
                    c.close();
                }
            }
            // one line for the cut-off, with the session's id and the client's address; nothing louder
            assertThat(log.lines).singleElement().asString()
                    .startsWith("WARNING org.socketioee.engine.EngineSession: engine.io session " + stalledId
                            + " remote=127.0.0.1: the client is not reading, over 1000000 bytes queued (");
        }
    }

    @ParameterizedTest(name = "websocket {0}")
    @ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
    void aNonReaderWhoseWritesStallPastTheSendTimeoutIsCutOff(String webSocket) throws Exception {
        // bounds far away: only the timeout can cut it off
        EngineOptions options = EngineOptions.defaults().withMaxBufferedBytes(1_000_000_000).withSendTimeout(1000)
                .withWebSocket(webSocket);
        try (LogCapture log = new LogCapture("org.socketioee", Level.WARNING);
             IoServer server = IoServer.start(options);
             RawWebSocket stalled = RawWebSocket.connect(server.tomcat().port(), WS_PATH, 4096)) {
            String stalledId = connectNonReader(stalled);
            org.socketioee.server.Socket slow = server.next();
            CompletableFuture<DisconnectReason> slowReason = new CompletableFuture<>();
            slow.onDisconnect(slowReason::complete);
            // 64 KB every 50 ms fill the socket buffers (a few MB on loopback); from then on the queue waits, and
            // the first send more than a second after the transport last took from it cuts the session off
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (int i = 0; i < 4; i++) {
                    slow.emit("big", BIG);
                }
                return slowReason.isDone();
            });
            assertThat(slowReason.get()).isEqualTo(DisconnectReason.TRANSPORT_ERROR);
            assertThat(log.lines).singleElement().asString()
                    .startsWith("WARNING org.socketioee.engine.EngineSession: engine.io session " + stalledId
                            + " remote=127.0.0.1: the client is not reading, writes stalled for ");
        }
    }

    @Test
    void pollingQueueIsBoundedInBytesToo() throws Exception {
        Recorder rec = new Recorder();
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults().withMaxBufferedBytes(1000),
                e -> e.onConnection(rec))) {
            EngineClient slow = EngineClient.open(server.baseUrl(), "/socket.io/");
            EngineSession s = rec.nextConnection();
            assertThat(s.send("é".repeat(300))).isTrue(); // 1 + 600 bytes in UTF-8
            assertThat(s.send("é".repeat(200))).isFalse(); // 401 more: over 1000
            assertThat(rec.closeReason(slow.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
        }
    }
}
