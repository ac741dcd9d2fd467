package org.socketioee.engine.ws;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineSession;
import org.socketioee.engine.SessionListener;
import org.socketioee.examples.EngineEcho;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Node;
import org.socketioee.testing.Recorder;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket clients written by others against both WebSocket transports: the JDK's {@code java.net.http.WebSocket}
 * and npm {@code ws} (src/test/node/ws-client.mjs). Fragmented sends, binary, large frames, ping/pong and the
 * close handshake, seen from each side. (The Tyrus client runs the engine suites: WebSocketTest and others.)
 */
@ParameterizedClass
@ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
class WebSocketClientsInteropTest {
    @Parameter
    String webSocket;

    EmbeddedTomcat server;
    final Recorder rec = new Recorder();
    final BlockingQueue<EngineSession> echoed = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        EngineEcho echo = new EngineEcho();
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withWebSocket(webSocket), e -> e.onConnection(s -> {
            rec.onConnection(s);
            s.setListener(new SessionListener() { // echo, and record the close
                @Override
                public void onMessage(EngineSession session, String text) {
                    echo.onMessage(session, text);
                }

                @Override
                public void onBinary(EngineSession session, byte[] data) {
                    echo.onBinary(session, data);
                }

                @Override
                public void onClose(EngineSession session, CloseReason reason) {
                    rec.onClose(session, reason);
                }
            });
        }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String url() {
        return "ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket";
    }

    /** Collects whole messages (the JDK delivers parts) and the pong and close it sees. */
    static final class JdkListener implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> pong = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                messages.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pong.complete(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a message within 5 s").isNotNull();
            return m;
        }
    }

    @Test
    void jdkClientFragmentsBinaryLargeFramesPingAndClose() throws Exception {
        JdkListener l = new JdkListener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url()), l).get(10, TimeUnit.SECONDS);
        assertThat((String) l.next()).startsWith("0{\"sid\":\"");
        EngineSession s = rec.nextConnection();

        ws.sendText("4hé", false).get(5, TimeUnit.SECONDS); // one message in three fragments
        ws.sendText("llo €", false).get(5, TimeUnit.SECONDS);
        ws.sendText("😀", true).get(5, TimeUnit.SECONDS);
        assertThat(l.next()).isEqualTo("4héllo €😀");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 255}), true).get(5, TimeUnit.SECONDS);
        assertThat((byte[]) l.next()).containsExactly(1, 2, 3, 255);
        String big = "4" + "é".repeat(100_000); // 200 KB: a 64-bit length both ways
        ws.sendText(big, true).get(5, TimeUnit.SECONDS);
        assertThat(l.next()).isEqualTo(big);
        ws.sendPing(ByteBuffer.wrap("are you there".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(l.pong.get(5, TimeUnit.SECONDS)).isEqualTo("are you there");

        ws.sendClose(4000, "done").get(5, TimeUnit.SECONDS);
        assertThat(l.closed.get(5, TimeUnit.SECONDS)).as("the server echoes the close code").isEqualTo(4000);
        assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
    }

    @Test
    void jdkClientSeesTheServersClose() throws Exception {
        JdkListener l = new JdkListener();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url()), l).get(10, TimeUnit.SECONDS);
        l.next();
        EngineSession s = rec.nextConnection();
        s.send("last words");
        s.close();
        assertThat(l.next()).isEqualTo("4last words");
        assertThat(l.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.FORCED_CLOSE);
    }

    @Test
    void npmWsClient() throws Exception {
        Node.require();
        Node.Result run = Node.run(Duration.ofSeconds(30), "ws-client.mjs", url());
        assertThat(run.exitCode()).as("ws-client.mjs: %s", run).isZero();
        JsonObject r;
        try (JsonReader reader = Json.createReader(new StringReader(run.lastLine()))) {
            r = reader.readObject();
        }
        assertThat(r.getString("extensions")).as("permessage-deflate offered, not negotiated").isEmpty();
        assertThat(r.getString("open")).startsWith("0{\"sid\":\"");
        assertThat(r.getString("text")).isEqualTo("4héllo €😀");
        assertThat(r.getJsonArray("binary").getValuesAs(JsonNumber::intValue)).containsExactly(1, 2, 3, 255);
        assertThat(r.getInt("bigLength")).isEqualTo(200_001);
        assertThat(r.getString("pong")).isEqualTo("are you there");
        assertThat(r.getInt("closeCode")).as("the server echoes the close code").isEqualTo(4000);
        EngineSession s = rec.nextConnection();
        assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
    }
}
