package org.socketioee.engine;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.examples.EngineEcho;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official npm engine.io-client (src/test/node/engine-client.mjs) against EngineEcho: a text and a binary
 * message echoed on each transport setup, then a client-side close that the server sees as "transport close".
 */
class NodeEngineClientInteropTest {
    static EmbeddedTomcat server;
    /** Sessions opened, and for each closed session its reason and its transport at the close. */
    static final Queue<String> opened = new ConcurrentLinkedQueue<>();
    static final Map<String, CloseReason> closeReasons = new ConcurrentHashMap<>();
    static final Map<String, String> closeTransports = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        start(EngineOptions.defaults());
    }

    /** Starts the echo server with {@code options} (a subclass hides {@link #start()} to pick others). */
    static void start(EngineOptions options) {
        EngineEcho echo = new EngineEcho();
        server = EmbeddedTomcat.start(options, engine -> engine.onConnection(session -> {
            opened.add(session.id());
            session.setListener(new SessionListener() {
                @Override
                public void onMessage(EngineSession s, String text) {
                    echo.onMessage(s, text);
                }

                @Override
                public void onBinary(EngineSession s, byte[] data) {
                    echo.onBinary(s, data);
                }

                @Override
                public void onClose(EngineSession s, CloseReason reason) {
                    closeTransports.put(s.id(), s.transportName());
                    closeReasons.put(s.id(), reason);
                }
            });
        }));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void requireNodeAndForgetEarlierSessions() {
        Node.require(); // here rather than in @BeforeAll, so that a skip is reported per test
        opened.clear();
        closeReasons.clear();
        closeTransports.clear();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"websocket, websocket", "polling, polling", "upgrade, websocket"})
    void officialClientGetsTextAndBinaryEchoedThenClosesCleanly(String mode, String finalTransport) {
        Node.Result run = Node.run(Duration.ofSeconds(30), "engine-client.mjs", server.baseUrl(), mode);

        assertThat(run.exitCode()).as("engine-client.mjs %s: %s", mode, run).isZero();
        JsonObject result = parse(run.lastLine());
        assertThat(result.getBoolean("ok")).as(run.toString()).isTrue();
        assertThat(result.getString("text")).isEqualTo("héllo €😀");
        assertThat(result.getJsonArray("binary").getValuesAs(JsonNumber::intValue)).containsExactly(1, 2, 3, 255);
        assertThat(result.getString("binaryKind")).as("binary arrives as binary, not text").isEqualTo("Buffer");
        assertThat(result.getString("transport")).isEqualTo(finalTransport);

        // server side: one session, the client's, closed by the client on the transport it ended on
        String sid = result.getString("sid");
        assertThat(List.copyOf(opened)).containsExactly(sid);
        await().atMost(Duration.ofSeconds(5)).until(() -> closeReasons.containsKey(sid));
        assertThat(closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        assertThat(closeTransports.get(sid)).isEqualTo(finalTransport);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.engine().sessionCount()).isZero());
    }

    private static JsonObject parse(String line) {
        try (JsonReader r = Json.createReader(new StringReader(line))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON line from the script: " + line, e);
        }
    }
}
