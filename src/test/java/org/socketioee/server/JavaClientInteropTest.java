package org.socketioee.server;

import io.socket.client.Ack;
import io.socket.client.Manager;
import io.socket.engineio.client.Transport;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.InteropHandlers;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The official Socket.IO Java client ({@code io.socket:socket.io-client} 2.1.x, OkHttp) against
 * {@link InteropHandlers}, each scenario over websocket only, polling only, and polling then upgrade.
 * <p>
 * With connection state recovery on, the server appends an offset to every event it emits without an ack, as Node
 * does; this client does not implement recovery, so its listeners receive the offset as one more, last, argument:
 * asserted as such. For the same reason its CONNECT never carries {@code pid}/{@code offset}: after the server
 * drops the transport, the client reconnects by itself and gets a new socket, {@code recovered: false}, without the
 * events emitted meanwhile.
 */
class JavaClientInteropTest {
    private static final long WAIT_SECONDS = 10;
    /** Offsets: Node writes yeast ids, this server base-36 counters; clients treat them as opaque strings. */
    private static final String OFFSET = "[0-9A-Za-z_-]+";

    static EmbeddedTomcat server;
    static SocketIoServer ioServer;
    static final Map<String, Socket> serverSockets = new ConcurrentHashMap<>(); // by socket id, every namespace

    /** Client sockets of the running test, closed after it. */
    final Queue<io.socket.client.Socket> clients = new ConcurrentLinkedQueue<>();

    enum Mode {
        WEBSOCKET(new String[] {WebSocket.NAME}, false, List.of("websocket"), "ping timeout"),
        POLLING(new String[] {Polling.NAME}, false, List.of("polling"), "transport close"),
        UPGRADE(new String[] {Polling.NAME, WebSocket.NAME}, true, List.of("polling", "websocket"), "ping timeout");

        final String[] transports;
        final boolean upgrade;
        /** The transports the client creates, in order. */
        final List<String> created;
        /** How the client learns that the server dropped the connection (see the drop test). */
        final String dropReason;

        Mode(String[] transports, boolean upgrade, List<String> created, String dropReason) {
            this.transports = transports;
            this.upgrade = upgrade;
            this.created = created;
            this.dropReason = dropReason;
        }

        String finalTransport() {
            return created.get(created.size() - 1);
        }
    }

    /** A binary value as received, comparable by content. */
    record Bin(List<Integer> bytes) {
        static Bin of(int... b) {
            return new Bin(Arrays.stream(b).boxed().toList());
        }
    }

    @BeforeAll
    static void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> ioServer = install(engine));
    }

    /** The interop handlers, and every socket they accept recorded by id. */
    static SocketIoServer install(EngineServer engine) {
        SocketIoServer io = InteropHandlers.install(engine);
        Stream.of("/", "/custom", "/secret").forEach(n -> io.of(n).onConnection(s -> serverSockets.put(s.id(), s)));
        return io;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            ioServer.close();
            server.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(io.socket.client.Socket::close);
        clients.clear();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void namespacesShareOneConnectionAndEachGetsItsAuth(Mode mode) throws Exception {
        Client c = new Client(mode, false);
        Inbox main = c.socket("/", Map.of("user", "java", "role", "tester"), "auth").connect();
        Inbox custom = c.socket("/custom", Map.of("ns", "custom"), "auth").connect();
        Inbox none = new Client(mode, false).socket("/", null, "auth").connect();

        assertThat(withOffset(main.next("auth"))).containsExactly(Map.of("user", "java", "role", "tester"));
        assertThat(withOffset(custom.next("auth"))).containsExactly(Map.of("ns", "custom"));
        assertThat(withOffset(none.next("auth"))).as("a CONNECT without auth").containsExactly(Map.of());

        Socket serverMain = serverSocket(main.socket.id());
        Socket serverCustom = serverSocket(custom.socket.id());
        assertThat(main.socket.id()).isNotEqualTo(custom.socket.id());
        assertThat(serverMain.namespace().name()).isEqualTo("/");
        assertThat(serverCustom.namespace().name()).isEqualTo("/custom");
        assertThat(serverCustom.connectionId()).as("one Engine.IO connection").isEqualTo(serverMain.connectionId());
        assertThat(serverSocket(none.socket.id()).connectionId()).isNotEqualTo(serverMain.connectionId());
        c.assertTransport(serverMain);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acknowledgementsBothWays(Mode mode) throws Exception {
        Client c = new Client(mode, false);
        Inbox in = c.socket("/", null, "client-answered");
        BlockingQueue<List<Object>> questions = new LinkedBlockingQueue<>();
        in.socket.on("question", args -> {
            Object last = args[args.length - 1];
            questions.add(plainArgs(Arrays.copyOf(args, args.length - 1)));
            ((Ack) last).call("java-answer", 2);
        });
        in.connect().awaitConnect();

        // client → server: the ack carries the event's arguments, no offset (acks have none)
        List<Object> ack = emitWithAck(in.socket, "message-with-ack", "a", 1,
                new JSONObject().put("k", new JSONArray().put(true).put(JSONObject.NULL).put(2.5)), "é😀");
        assertThat(ack).containsExactly("a", 1, Map.of("k", Arrays.asList(true, null, 2.5)), "é😀");

        // server → client: "question" asks for an ack, so it has no offset; the server emits the first ack argument
        in.socket.emit("ask-client", new JSONObject().put("q", "who?"));
        assertThat(take(questions, "question")).containsExactly(Map.of("q", "who?"));
        assertThat(withOffset(in.next("client-answered"))).containsExactly("java-answer");
        c.assertTransport(serverSocket(in.socket.id()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void binaryAtAnyDepthBothWays(Mode mode) throws Exception {
        Client c = new Client(mode, false);
        Inbox in = c.socket("/", null, "message-back", "binary-back").connect();
        in.awaitConnect();

        in.socket.emit("message", new byte[] {1, 2, 3}, new JSONObject()
                .put("a", new byte[] {4, 5})
                .put("list", new JSONArray().put(new byte[] {6}).put(new JSONObject().put("deep", new byte[] {-1, 0})))
                .put("s", "x"));
        assertThat(withOffset(in.next("message-back"))).containsExactly(Bin.of(1, 2, 3), Map.of(
                "a", Bin.of(4, 5),
                "list", List.of(Bin.of(6), Map.of("deep", Bin.of(255, 0))),
                "s", "x"));

        in.socket.emit("binary-deep");
        assertThat(withOffset(in.next("binary-back"))).containsExactly(Map.of(
                "nested", Map.of("data", Bin.of(1, 2, 3)),
                "list", List.of(Bin.of(4)),
                "n", 1));
        c.assertTransport(serverSocket(in.socket.id()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void roomBroadcastReachesTheMembersOnly(Mode mode) throws Exception {
        Inbox a = new Client(mode, false).socket("/", null, "room-message").connect();
        Inbox b = new Client(mode, false).socket("/", null, "room-message").connect();
        Inbox outsider = new Client(mode, false).socket("/", null, "room-message").connect();
        for (Inbox member : List.of(a, b)) {
            member.awaitConnect();
            assertThat(emitWithAck(member.socket, "join", "java-room")).containsExactly("joined java-room");
        }
        outsider.awaitConnect();

        a.socket.emit("room-broadcast", "java-room", new JSONObject().put("from", "a").put("bin", new byte[] {7}));
        List<Object> atA = a.next("room-message");
        List<Object> atB = b.next("room-message");
        assertThat(withOffset(atA)).containsExactly(Map.of("from", "a", "bin", Bin.of(7)));
        assertThat(atB).as("the same stored packet, the same offset").isEqualTo(atA);

        // the outsider: a round trip after the members got theirs, then still nothing
        assertThat(emitWithAck(outsider.socket, "message-with-ack", "ping")).containsExactly("ping");
        assertThat(outsider.count("room-message")).isZero();
        assertThat(a.count("room-message")).isZero();
        assertThat(b.count("room-message")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void middlewareRefusesWithDataThenAdmitsTheToken(Mode mode) throws Exception {
        Map<String, Object> refusal = Map.of("message", "unauthorized", "data", Map.of("code", 401));
        for (Map<String, String> auth : Arrays.asList(null, Map.of("token", "nope"))) {
            Inbox refused = new Client(mode, false).socket("/secret", auth, "connect_error", "connect").connect();
            assertThat(refused.next("connect_error")).as("auth %s", auth).containsExactly(refusal);
            assertThat(refused.socket.connected()).isFalse();
            assertThat(refused.count("connect")).isZero();
        }

        Client c = new Client(mode, false);
        Inbox admitted = c.socket("/secret", Map.of("token", "s3cret"), "welcome", "connect_error").connect();
        assertThat(withOffset(admitted.next("welcome"))).containsExactly("secret");
        assertThat(admitted.count("connect_error")).isZero();
        assertThat(serverSocket(admitted.socket.id()).namespace().name()).isEqualTo("/secret");
        c.assertTransport(serverSocket(admitted.socket.id()));
    }

    /**
     * The server drops the connection: on polling the client reads the CLOSE packet ("transport close"). On
     * WebSocket it gets a close frame, which this client never answers nor reports (OkHttp stops reading after it
     * and calls only {@code onClosing}, which engine.io-client-java does not implement): it finds out through its
     * heartbeat, pingInterval + pingTimeout after the last ping ("ping timeout"), exactly as it would from Node's
     * server (whose {@code ws} also waits 30 s for the answer before cutting the TCP connection). So this test runs
     * against a server of its own with a 1 s + 1 s heartbeat rather than 25 s + 20 s.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void afterADropTheClientReconnectsWithANewSocketAndNothingIsReplayed(Mode mode) throws Exception {
        SocketIoServer[] quickIo = new SocketIoServer[1];
        try (EmbeddedTomcat quick = EmbeddedTomcat.start(EngineOptions.defaults().withHeartbeat(1000, 1000),
                engine -> quickIo[0] = install(engine))) {
            try {
                dropAndReconnect(mode, quick.baseUrl());
            } finally {
                closeClients(); // before the server goes, or the client would be reconnecting
                quickIo[0].close();
            }
        }
    }

    private void dropAndReconnect(Mode mode, String baseUrl) throws Exception {
        Client c = new Client(mode, true, baseUrl);
        Inbox in = c.socket("/", null, "missed");
        BlockingQueue<String> connects = new LinkedBlockingQueue<>();
        BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
        in.socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> connects.add(in.socket.id()));
        in.socket.on(io.socket.client.Socket.EVENT_DISCONNECT, args -> disconnects.add(String.valueOf(args[0])));
        in.connect();
        String first = take(connects, "connect");
        assertThat(emitWithAck(in.socket, "join", "r")).containsExactly("joined r");
        assertThat(emitWithAck(in.socket, "whoami")).containsExactly(
                Map.of("id", first, "recovered", false, "rooms", Stream.of(first, "r").sorted().toList()));
        c.assertTransport(serverSocket(first));

        in.socket.emit("drop-and-emit", "r", 3);

        assertThat(take(disconnects, "disconnect")).isEqualTo(mode.dropReason);
        String second = take(connects, "reconnect");
        assertThat(second).isNotEqualTo(first).isEqualTo(in.socket.id());
        assertThat(emitWithAck(in.socket, "whoami")).containsExactly(
                Map.of("id", second, "recovered", false, "rooms", List.of(second)));
        assertThat(serverSocket(second).recovered()).isFalse();
        assertThat(in.count("missed")).as("no recovery, so no replay").isZero();
        assertThat(disconnects).isEmpty();
        assertThat(connects).isEmpty();
    }

    // ---- the client side -------------------------------------------------------------------------------------

    /** One Manager: one Engine.IO connection, shared by its namespaces' sockets. */
    final class Client {
        final Mode mode;
        final Manager manager;
        final Queue<String> created = new ConcurrentLinkedQueue<>();

        Client(Mode mode, boolean reconnection) {
            this(mode, reconnection, server.baseUrl());
        }

        Client(Mode mode, boolean reconnection, String baseUrl) {
            this.mode = mode;
            Manager.Options o = new Manager.Options();
            o.transports = mode.transports;
            o.upgrade = mode.upgrade;
            o.reconnection = reconnection;
            o.reconnectionDelay = 100;
            o.reconnectionDelayMax = 500;
            o.timeout = WAIT_SECONDS * 1000;
            manager = new Manager(URI.create(baseUrl), o);
            manager.on(Manager.EVENT_TRANSPORT, args -> created.add(((Transport) args[0]).name));
        }

        /** A socket of namespace {@code nsp} (auth null: none), recording {@code events}; not connected yet. */
        Inbox socket(String nsp, Map<String, String> auth, String... events) {
            Manager.Options o = new Manager.Options();
            o.auth = auth;
            io.socket.client.Socket s = manager.socket(nsp, o);
            Inbox in = new Inbox(s);
            in.record(io.socket.client.Socket.EVENT_CONNECT);
            for (String e : events) {
                in.record(e);
            }
            clients.add(s);
            return in;
        }

        /** The transports the client created, and the server's view of the connection, once any upgrade is done. */
        void assertTransport(Socket serverSide) {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                    .until(() -> serverSide.transport().equals(mode.finalTransport()));
            assertThat(List.copyOf(created)).isEqualTo(mode.created);
        }
    }

    /** What one client socket received, by event name, each event's arguments in plain Java values. */
    static final class Inbox {
        final io.socket.client.Socket socket;
        private final Map<String, BlockingQueue<List<Object>>> events = new ConcurrentHashMap<>();

        Inbox(io.socket.client.Socket socket) {
            this.socket = socket;
        }

        void record(String event) {
            if (events.putIfAbsent(event, new LinkedBlockingQueue<>()) == null) {
                socket.on(event, args -> events.get(event).add(plainArgs(args)));
            }
        }

        /** The next arrival of {@code event}, waiting at most WAIT_SECONDS. */
        List<Object> next(String event) throws InterruptedException {
            return take(events.get(event), event + " on " + socket);
        }

        /** Arrivals of {@code event} not taken yet. */
        int count(String event) {
            return events.get(event).size();
        }

        Inbox connect() {
            socket.connect();
            return this;
        }

        void awaitConnect() throws InterruptedException {
            next(io.socket.client.Socket.EVENT_CONNECT);
        }
    }

    static <T> T take(BlockingQueue<T> q, String what) throws InterruptedException {
        T v = q.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (v == null) {
            fail("no " + what + " within " + WAIT_SECONDS + " s");
        }
        return v;
    }

    /** Emits with an Ack and waits for its arguments. */
    static List<Object> emitWithAck(io.socket.client.Socket s, String event, Object... args) throws Exception {
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        s.emit(event, args, (Ack) a -> answer.complete(plainArgs(a)));
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The arguments of an event emitted without an ack: the offset recovery appends is last; the rest returned. */
    static List<Object> withOffset(List<Object> args) {
        assertThat(args).as("arguments then offset").isNotEmpty();
        Object offset = args.get(args.size() - 1);
        assertThat(offset).as("offset, last of %s", args).isInstanceOf(String.class);
        assertThat((String) offset).matches(OFFSET);
        return args.subList(0, args.size() - 1);
    }

    static Socket serverSocket(String id) {
        assertThat(id).as("client socket id").isNotNull();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> serverSockets.containsKey(id));
        return serverSockets.get(id);
    }

    static List<Object> plainArgs(Object... args) {
        List<Object> out = new ArrayList<>();
        for (Object a : args) {
            out.add(plain(a));
        }
        return out;
    }

    /** org.json trees as Map/List (JSONObject.NULL as null), byte[] as {@link Bin}. */
    static Object plain(Object v) {
        try {
            if (v instanceof JSONObject o) {
                Map<String, Object> m = new HashMap<>();
                for (Iterator<?> it = o.keys(); it.hasNext(); ) {
                    String k = (String) it.next();
                    m.put(k, plain(o.get(k)));
                }
                return m;
            }
            if (v instanceof JSONArray a) {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < a.length(); i++) {
                    l.add(plain(a.get(i)));
                }
                return l;
            }
        } catch (JSONException e) {
            throw new AssertionError(e);
        }
        if (v instanceof byte[] b) {
            List<Integer> ints = new ArrayList<>();
            for (byte x : b) {
                ints.add(x & 0xff);
            }
            return new Bin(ints);
        }
        return v == JSONObject.NULL ? null : v;
    }
}
