package org.socketioee.server;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.InteropHandlers;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The official npm socket.io-client (src/test/node/socketio-client.mjs) against {@link InteropHandlers}, one
 * scenario per test, on each transport setup: websocket only, polling only, polling then upgrade.
 * <p>
 * Recovery is on, so the server appends an offset to every event it emits without an ack, and the client's
 * listeners receive it as a last extra argument, exactly as with the Node server: {@link #assertEvent} expects it.
 */
class NodeSocketIoClientInteropTest {
    static EmbeddedTomcat server;
    static SocketIoServer io;

    /** What the server saw: each socket connected (any namespace), each disconnect with the transport then. */
    record Connected(String nsp, String id, String connectionId, Map<String, Object> auth, boolean recovered) {
    }

    record Disconnected(String id, String reason, String transport) {
    }

    static final Queue<Connected> connections = new ConcurrentLinkedQueue<>();
    static final Queue<Disconnected> disconnections = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        start(EngineOptions.defaults());
    }

    /** Starts the server with {@code options} (a subclass hides {@link #start()} to pick others). */
    static void start(EngineOptions options) {
        server = EmbeddedTomcat.start(options, engine -> {
            io = InteropHandlers.install(engine);
            Stream.of("/", "/custom", "/secret").forEach(name -> io.of(name).onConnection(s -> {
                connections.add(new Connected(name, s.id(), s.connectionId(), s.handshake().auth(), s.recovered()));
                s.onDisconnect(r -> disconnections.add(new Disconnected(s.id(), r.text(), s.transport())));
            }));
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            io.close();
            server.close();
        }
    }

    @BeforeEach
    void requireNodeAndForgetEarlierSockets() {
        Node.require(); // here rather than in @BeforeAll, so that a skip is reported per test
        connections.clear();
        disconnections.clear();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void namespacesShareOneConnection(String mode) {
        JsonObject r = run(mode, "namespaces");

        assertEvent(r.get("mainAuth"), "[{\"who\":\"main\"}]");
        assertEvent(r.get("customAuth"), "[{\"who\":\"custom\",\"n\":2}]");
        assertEvent(r.get("mainMessageBack"), "[\"on main\"]");
        String mainId = r.getString("mainId");
        String customId = r.getString("customId");
        assertThat(mainId).matches("[A-Za-z0-9_-]{20}").isNotEqualTo(customId);
        assertThat(customId).matches("[A-Za-z0-9_-]{20}");

        // server side: two sockets, one per namespace, on the client's one Engine.IO connection
        String engineId = r.getString("engineId");
        assertThat(connections).extracting(Connected::nsp, Connected::id, Connected::connectionId)
                .containsExactlyInAnyOrder(tuple("/", mainId, engineId), tuple("/custom", customId, engineId));
        assertThat(connected(customId).auth()).isEqualTo(Map.of("who", "custom", "n", 2));
        assertClosedOn(mode, mainId, customId);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void authPayloadComesBack(String mode) {
        JsonObject r = run(mode, "auth");

        assertEvent(r.get("auth"), "[{\"token\":\"abc\",\"n\":42,\"f\":1.5,\"ok\":true,\"nothing\":null,"
                + "\"list\":[1,\"two\",{\"three\":3}],\"nested\":{\"unicode\":\"héllo €😀\",\"empty\":{}}}]");
        assertEvent(r.get("noAuth"), "[{}]");
        assertThat(connections).extracting(c -> c.auth().get("token")).containsExactlyInAnyOrder("abc", null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void acknowledgementsBothWays(String mode) {
        JsonObject r = run(mode, "acks");

        // client → server: emitWithAck resolves with the first argument, a callback gets them all; acks carry no
        // offset
        assertThat(r.get("emitWithAck")).isEqualTo(json("\"é\""));
        assertThat(r.get("callbackAck")).isEqualTo(json("[\"é\",2,{\"three\":[3]},null]"));
        assertThat(r.get("timeoutAck")).isEqualTo(json("\"in time\""));
        // server → client: the question asks for an ack (so it has no offset); the server got the answer
        assertThat(r.get("question")).isEqualTo(json("[{\"q\":21},{\"$fn\":true}]"));
        assertEvent(r.get("clientAnswered"), "[{\"answer\":42}]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void binaryAtAnyDepth(String mode) {
        JsonObject r = run(mode, "binary");

        assertEvent(r.get("messageBack"), "[" + bin(1, 2, 3) + ",{\"a\":{\"b\":[" + bin(4) + ",{\"c\":" + bin(255, 0)
                + "}]},\"s\":\"x\"},[" + bin() + ",7]]");
        assertEvent(r.get("binaryBack"), "[{\"nested\":{\"data\":" + bin(1, 2, 3) + "},\"list\":[" + bin(4)
                + "],\"n\":1}]");
        assertThat(r.get("binaryAck")).isEqualTo(json("[{\"deep\":[" + bin(9, 8) + "]},\"text\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void roomBroadcastReachesTheRoomOnly(String mode) {
        JsonObject r = run(mode, "rooms");

        assertThat(r.get("joins")).isEqualTo(json("[\"joined r1\",\"joined r1\",\"joined r2\"]"));
        JsonObject received = r.getJsonObject("received");
        assertThat(received.getJsonArray("a")).hasSize(1);
        String offset = assertEvent(received.getJsonArray("a").get(0), "[{\"hello\":\"room\",\"n\":1}]");
        assertThat(received.getJsonArray("b")).as("one broadcast, encoded once: same offset")
                .containsExactly(json("[{\"hello\":\"room\",\"n\":1},\"" + offset + "\"]"));
        assertThat(received.getJsonArray("c")).as("not in the room: nothing within 1 s").isEmpty();
        assertThat(connections).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void middlewareRefusesWithoutToken(String mode) {
        JsonObject r = run(mode, "middleware");

        // a refused CONNECT is final: the client does not retry (active false)
        assertThat(r.get("noToken")).isEqualTo(json(
                "{\"message\":\"unauthorized\",\"data\":{\"code\":401},\"active\":false,\"connected\":false}"));
        assertThat(r.get("wrongToken")).isEqualTo(json("{\"message\":\"unauthorized\",\"data\":{\"code\":401}}"));
        assertEvent(r.get("welcome"), "[\"secret\"]");
        assertThat(r.getBoolean("connected")).isTrue();
        assertThat(connections).extracting(Connected::nsp, c -> c.auth().get("token"))
                .containsExactly(tuple("/secret", "s3cret"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void connectionStateIsRecoveredAfterTheTransportDrops(String mode) {
        JsonObject r = run(mode, "recovery");
        String id = r.getString("firstId");
        String transport = finalTransport(mode);

        // before: an offset received, not recovered
        assertEvent(r.get("firstAuth"), "[{\"token\":\"recover-me\"}]");
        assertThat(r.getBoolean("firstRecovered")).isFalse();
        assertThat(r.getString("join")).isEqualTo("joined rec");
        String lastOffset = assertEvent(r.get("roomMessage"), "[\"before\"]");
        assertThat(r.get("whoamiBefore")).isEqualTo(whoami(id, false));
        assertThat(r.getString("transportBefore")).isEqualTo(transport);

        // after: same id, recovered, rooms back
        assertThat(r.getBoolean("recovered")).isTrue();
        assertThat(r.getString("secondId")).isEqualTo(id);
        assertThat(r.get("whoamiAfter")).isEqualTo(whoami(id, true));
        assertThat(r.getString("transportAfter")).isEqualTo(transport);

        // the reconnection as the client saw it, in order: as with Node, the missed events (sent before the
        // CONNECT, buffered by the client) come first, already recovered, each once; then "connect"; then the
        // "connection" handler's auth event, whose payload the client completed with its pid and last offset
        List<JsonValue> timeline = r.getJsonArray("timeline");
        assertThat(timeline).hasSize(6);
        // "transport close" on polling too, whether or not a GET was pending when the server closed
        assertThat(timeline.get(0)).isEqualTo(json("[\"disconnect\",\"transport close\"]"));
        for (int i = 0; i < 3; i++) {
            JsonArray missed = timeline.get(1 + i).asJsonArray();
            assertThat(missed.subList(0, 2)).containsExactly(json("\"missed\""), json(Integer.toString(i)));
            assertThat(missed.getString(2)).matches("[A-Za-z0-9_-]+").isNotEqualTo(lastOffset);
            assertThat(missed.subList(3, 5)).as("connected, recovered").containsExactly(JsonValue.TRUE, JsonValue.TRUE);
        }
        assertThat(timeline.get(4)).isEqualTo(json("[\"connect\",\"" + id + "\",true]"));
        JsonArray auth = timeline.get(5).asJsonArray();
        assertThat(auth.getString(0)).isEqualTo("auth");
        JsonObject authPayload = auth.getJsonObject(1);
        assertThat(authPayload.keySet()).containsExactlyInAnyOrder("token", "pid", "offset");
        assertThat(authPayload.getString("token")).isEqualTo("recover-me");
        assertThat(authPayload.getString("offset")).isEqualTo(lastOffset);

        // server side: the socket dropped by the server ("forced close"), then the same socket recovered on a new
        // connection
        assertThat(connections).extracting(Connected::id, Connected::recovered).containsExactly(
                tuple(id, false), tuple(id, true));
        List<Connected> both = List.copyOf(connections);
        assertThat(both.get(1).connectionId()).isNotEqualTo(both.get(0).connectionId());
        assertThat(disconnections.peek()).isEqualTo(new Disconnected(id, "forced close", transport));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static JsonObject run(String mode, String scenario) {
        Node.Result run = Node.run(Duration.ofSeconds(30), "socketio-client.mjs", server.baseUrl(), mode, scenario);
        assertThat(run.exitCode()).as("socketio-client.mjs %s %s: %s", mode, scenario, run).isZero();
        JsonObject result = json(run.lastLine()).asJsonObject();
        assertThat(result.getBoolean("ok")).as(run.toString()).isTrue();
        if (result.containsKey("transport")) {
            assertThat(result.getString("transport")).isEqualTo(finalTransport(mode));
        }
        return result;
    }

    private static String finalTransport(String mode) {
        return mode.equals("polling") ? "polling" : "websocket";
    }

    /**
     * Asserts that an event's observed arguments are {@code expected} (JSON array text) followed by the recovery
     * offset the server appended; returns that offset.
     */
    private static String assertEvent(JsonValue observed, String expected) {
        JsonArray args = observed.asJsonArray();
        JsonArray want = json(expected).asJsonArray();
        assertThat(args).as("%s then an offset", expected).hasSize(want.size() + 1);
        assertThat(args.subList(0, want.size())).containsExactlyElementsOf(want);
        assertThat(args.get(want.size())).isInstanceOf(JsonString.class);
        String offset = args.getString(want.size());
        assertThat(offset).matches("[A-Za-z0-9_-]+");
        return offset;
    }

    /** How the script reports a Buffer. */
    private static String bin(int... bytes) {
        StringBuilder s = new StringBuilder("{\"$bin\":[");
        for (int i = 0; i < bytes.length; i++) {
            s.append(i == 0 ? "" : ",").append(bytes[i]);
        }
        return s.append("],\"$type\":\"Buffer\"}").toString();
    }

    private static JsonValue whoami(String id, boolean recovered) {
        List<String> rooms = Stream.of(id, "rec").sorted().toList();
        return json("{\"id\":\"" + id + "\",\"recovered\":" + recovered + ",\"rooms\":[\"" + rooms.get(0) + "\",\""
                + rooms.get(1) + "\"]}");
    }

    private static Connected connected(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the server saw no socket " + id + ": " + connections));
    }

    /** Every given socket disconnected on the server, on the mode's final transport. */
    private static void assertClosedOn(String mode, String... ids) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(disconnections)
                .extracting(Disconnected::id).contains(ids));
        assertThat(disconnections).filteredOn(d -> List.of(ids).contains(d.id()))
                .extracting(Disconnected::transport).containsOnly(finalTransport(mode));
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
