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
import org.socketioee.testing.Python;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The python-socketio client of Debian ({@code python3-socketio}, run by {@code /usr/bin/python3}:
 * src/test/python/sio_client.py) against {@link InteropHandlers}, each scenario over websocket only, polling only,
 * and polling then the client's upgrade. The script prints what the client observed; the assertions here are on
 * those exact values.
 * <p>
 * With connection state recovery on, the server appends an offset to every event it emits without an ack, as Node
 * does; this client (5.7.x) does not know about recovery, so its handlers see the offset as one more, last,
 * argument: asserted as such. For the same reason it never sends {@code pid}/{@code offset} in its CONNECT: after a
 * drop it gets a new socket, {@code recovered: false}, and the events emitted meanwhile are not replayed.
 */
class PythonClientInteropTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    /** Offsets: Node writes yeast ids, this server base-36 counters; clients treat them as opaque strings. */
    private static final String OFFSET = "[0-9A-Za-z_-]+";

    static EmbeddedTomcat server;
    static SocketIoServer io;
    static final Map<String, Socket> serverSockets = new ConcurrentHashMap<>(); // by socket id, every namespace

    @BeforeAll
    static void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = InteropHandlers.install(engine);
            Stream.of("/", "/custom", "/secret").forEach(n -> io.of(n).onConnection(s -> serverSockets.put(s.id(), s)));
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
    void requirePython() {
        Python.require(); // here rather than in @BeforeAll, so that a skip is reported per test
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void namespacesShareOneConnectionAndEachGetsTheAuth(String mode) {
        JsonObject r = run(mode, "namespaces");

        String main = r.getJsonObject("ids").getString("/");
        String custom = r.getJsonObject("ids").getString("/custom");
        assertThat(main).isNotEqualTo(custom).isNotEqualTo(r.getString("engineSid"));
        // python-socketio sends one auth for every namespace of the connection
        String auth = "{'user':'py','n':1,'list':[true,null]}";
        assertOffsetThen(r.getJsonObject("auth").getJsonArray("/"), "[" + auth + "]");
        assertOffsetThen(r.getJsonObject("auth").getJsonArray("/custom"), "[" + auth + "]");
        // server side: two sockets, one Engine.IO session
        assertThat(serverSocket(main).connectionId()).isEqualTo(r.getString("engineSid"));
        assertThat(serverSocket(custom).connectionId()).isEqualTo(r.getString("engineSid"));
        assertThat(serverSocket(custom).namespace().name()).isEqualTo("/custom");
        assertThat(serverSocket(main).handshake().auth()).isEqualTo(Map.of("user", "py", "n", 1,
                "list", java.util.Arrays.asList(true, null)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void acknowledgementsBothWays(String mode) {
        JsonObject r = run(mode, "acks");

        // client → server: the ack carries the event's arguments, with no offset (acks have none)
        assertThat(r.get("ack")).isEqualTo(json("['a',1,{'k':[true,null,2.5]},'é😀']"));
        // server → client: "question" asks for an ack, so it has no offset either
        assertThat(r.get("question")).isEqualTo(json("[{'q':'who?'}]"));
        // the handler returned a tuple: two ack arguments; the server emits the first one back
        assertOffsetThen(r.getJsonArray("clientAnswered"), "['py-answer']");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void binaryAtAnyDepthBothWays(String mode) {
        JsonObject r = run(mode, "binary");

        assertOffsetThen(r.getJsonArray("messageBack"), "[{'$bytes':[1,2,3]},{'a':{'$bytes':[4,5]},"
                + "'list':[{'$bytes':[6]},{'deep':{'$bytes':[255,0]}}],'s':'x'}]");
        assertOffsetThen(r.getJsonArray("binaryBack"),
                "[{'nested':{'data':{'$bytes':[1,2,3]}},'list':[{'$bytes':[4]}],'n':1}]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void roomBroadcastReachesTheMembersOnly(String mode) {
        JsonObject r = run(mode, "rooms");

        assertThat(r.get("joined")).isEqualTo(json("[['joined py-room'],['joined py-room']]"));
        String payload = "{'from':'a','bin':{'$bytes':[7]}}";
        assertOffsetThen(r.getJsonObject("roomMessage").getJsonArray("a"), "[" + payload + "]");
        assertOffsetThen(r.getJsonObject("roomMessage").getJsonArray("b"), "[" + payload + "]");
        // both got the same stored packet: the same offset
        assertThat(r.getJsonObject("roomMessage").getJsonArray("a"))
                .isEqualTo(r.getJsonObject("roomMessage").getJsonArray("b"));
        assertThat(r.get("ping")).isEqualTo(json("['ping']"));
        assertThat(r.get("counts")).isEqualTo(json("{'a':1,'b':1,'c':0}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void middlewareRefusesWithDataThenAdmitsTheToken(String mode) {
        JsonObject r = run(mode, "middleware");

        String error = "[{'message':'unauthorized','data':{'code':401}}]";
        assertThat(r.getJsonObject("refused").get("none")).isEqualTo(json(error));
        assertThat(r.getJsonObject("refused").get("wrong")).isEqualTo(json(error));
        assertThat(r.getJsonObject("refused").getBoolean("noneConnected")).isFalse();
        assertThat(r.getJsonObject("refused").getBoolean("wrongConnected")).isFalse();
        assertOffsetThen(r.getJsonArray("welcome"), "['secret']");
        assertThat(r.getInt("connectErrors")).isZero();
    }

    /**
     * python-socketio 5.7 has no connection state recovery (its CONNECT carries only the auth). After the server
     * drops the transport it reconnects by itself when the WebSocket broke; a polling client instead receives the
     * server's CLOSE packet, which python-engineio 4.3 takes for a deliberate close: no reconnection (the Node
     * server sends the same CLOSE packet on polling).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void afterADropTheClientReconnectsWithANewSocketAndNothingIsReplayed(String mode) {
        JsonObject r = run(mode, "recovery");

        JsonObject before = r.getJsonObject("before");
        assertThat(before.get("join")).isEqualTo(json("['joined r']"));
        JsonObject who = before.getJsonArray("whoami").getJsonObject(0);
        String first = who.getString("id");
        assertThat(who.getBoolean("recovered")).isFalse();
        assertThat(strings(who.getJsonArray("rooms"))).isEqualTo(Stream.of(first, "r").sorted().toList());
        assertThat(serverSocket(first).recovered()).isFalse();
        assertThat(r.getInt("disconnects")).isEqualTo(1);
        assertThat(r.getJsonArray("missed")).as("no recovery, so no replay").isEmpty();

        if (mode.equals("polling")) {
            assertThat(r.getBoolean("reconnectScheduled")).as(r.toString()).isFalse();
            assertThat(r.getJsonArray("connects")).isEqualTo(json("[['" + first + "']]"));
            return;
        }
        assertThat(r.getBoolean("reconnectScheduled")).as(r.toString()).isTrue();
        JsonObject after = r.getJsonObject("after").getJsonArray("whoami").getJsonObject(0);
        String second = after.getString("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(after.getBoolean("recovered")).isFalse();
        assertThat(strings(after.getJsonArray("rooms"))).containsExactly(second);
        assertThat(r.getJsonArray("connects")).isEqualTo(json("[['" + first + "'],['" + second + "']]"));
        assertThat(r.getJsonObject("after").getString("transport")).isEqualTo(before.getString("transport"));
        assertThat(serverSocket(second).recovered()).isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Runs one scenario; checks the exit code, the "ok" flag and the transport the client ended on. */
    private static JsonObject run(String mode, String scenario) {
        Node.Result run = Python.run(RUN_TIMEOUT, "sio_client.py", server.baseUrl(), mode, scenario);
        assertThat(run.exitCode()).as("sio_client.py %s %s: %s", mode, scenario, run).isZero();
        JsonObject r = parse(run.lastLine());
        assertThat(r.getBoolean("ok")).as(run.toString()).isTrue();
        String transport = r.containsKey("before") ? r.getJsonObject("before").getString("transport")
                : r.getString("transport");
        assertThat(transport).as("transport at the end of the connect").isEqualTo(mode.equals("polling") ? "polling" : "websocket");
        return r;
    }

    /** The arguments of an event emitted without an ack: the expected ones, then the offset that recovery adds. */
    private static void assertOffsetThen(JsonArray args, String expected) {
        assertThat(args).as("arguments then offset: %s", args).isNotEmpty();
        JsonValue last = args.get(args.size() - 1);
        assertThat(last.getValueType()).as("last argument of %s", args).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(((JsonString) last).getString()).matches(OFFSET);
        assertThat(Json.createArrayBuilder(args.subList(0, args.size() - 1)).build()).isEqualTo(json(expected));
    }

    private static Socket serverSocket(String id) {
        await().atMost(Duration.ofSeconds(5)).until(() -> serverSockets.containsKey(id));
        return serverSockets.get(id);
    }

    private static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonString::getString);
    }

    /** JSON with single quotes for readability. */
    private static JsonValue json(String singleQuoted) {
        return parseValue(singleQuoted.replace('\'', '"'));
    }

    private static JsonObject parse(String line) {
        JsonValue v = parseValue(line);
        assertThat(v.getValueType()).as("a JSON object line from the script: %s", line)
                .isEqualTo(JsonValue.ValueType.OBJECT);
        return v.asJsonObject();
    }

    private static JsonValue parseValue(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
