package org.socketioee.admin;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketioee.admin.AdminClient.Received;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.WebappTomcat;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /admin} namespace as the Admin UI sees it, through the project's Java client: the exact payloads of
 * {@code session}, {@code config}, {@code all_sockets}, {@code socket_connected}, {@code room_joined},
 * {@code event_received/sent}, {@code socket_disconnected}, {@code room_left} and {@code server_stats} (as
 * admin-ui 0.5.1's dist/index.js writes them), the UI's commands, basic auth with a hash made by bcryptjs, readonly,
 * production mode, and the namespace absent from the WAR by default.
 */
class AdminUiTest {
    /** {@code bcryptjs.hashSync("changeit", 10)}, by the bcryptjs 2.4.3 that admin-ui 0.5.1 uses. */
    static final String HASH = "$2a$10$e6Tv6n9GL2jZp.ygKBgHCejh65tTPWKUDW9jdh8j4OzAEUj3chYlS";
    static final Map<String, Object> CREDENTIALS = Map.of("username", "admin", "password", "changeit");
    private static final Pattern TIME = Pattern.compile("\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)\"");
    private static final Pattern DATE_STRING = Pattern.compile(
            "\"time\":\"([A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4} \\([^)]+\\))\"");
    private static final String ALL_FEATURES =
            "[\"EMIT\",\"JOIN\",\"LEAVE\",\"DISCONNECT\",\"MJOIN\",\"MLEAVE\",\"MDISCONNECT\",\"AGGREGATED_EVENTS\"";

    private EmbeddedTomcat server;
    private SocketIoServer io;
    private final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    private void start(AdminOptions options) {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = SocketIoServer.attach(engine);
            AdminUi.instrument(io, options); // first, as the WAR does it
            io.onConnection(socket -> {
                connected.add(socket);
                socket.on("join", e -> {
                    socket.join(e.arg(0, String.class));
                    e.ack();
                });
                socket.on("echo", e -> socket.emit("echo", e.args().toArray()));
                // what the server holds of another socket's rooms, sorted (answered in the order packets arrive)
                socket.on("rooms of", e -> {
                    Socket other = io.sockets().sockets().get(e.arg(0, String.class));
                    e.ack(other == null ? null : new TreeSet<>(other.rooms()));
                });
            });
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (io != null) {
            io.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private org.socketioee.client.Socket appClient() {
        org.socketioee.client.Socket s = IO.socket(server.baseUrl(), ClientOptions.defaults().withForceNew(true)
                .withTransports(ClientOptions.Transport.WEBSOCKET).withReconnection(false));
        closing.add(() -> s.io().close());
        return s;
    }

    private AdminClient admin(Map<String, Object> auth) {
        AdminClient a = new AdminClient(server.baseUrl(), auth);
        closing.add(a);
        return a;
    }

    private Socket nextSocket() throws InterruptedException {
        Socket s = connected.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a socket connected to /").isNotNull();
        return s;
    }

    @Test
    void developmentModeTellsEverySocketRoomAndEvent() throws Exception {
        start(AdminOptions.basic("admin", HASH).withMode(AdminOptions.Mode.DEVELOPMENT));
        org.socketioee.client.Socket app = appClient();
        Socket appSocket = nextSocket();
        app.timeout(Duration.ofSeconds(10)).emitWithAck("join", "lobby").get(10, TimeUnit.SECONDS);

        AdminClient admin = admin(CREDENTIALS);
        String adminId = admin.connected.get(10, TimeUnit.SECONDS);
        Socket adminSocket = io.of("/admin").sockets().get(adminId);
        // before the CONNECT answer: the session (from the middleware) and the admin socket's own room
        Received session = admin.next();
        assertThat(session.name()).isEqualTo("session");
        assertThat(session.args()).matches("\\[\"[0-9a-f]{16}\"]");
        assertThat(withoutTimes(admin.next())).isEqualTo(
                new Received("room_joined", "[\"/admin\",\"" + adminId + "\",\"" + adminId + "\",\"T\"]"));
        assertThat(withoutTimes(admin.next())).isEqualTo(
                new Received("socket_connected", "[" + serialized(adminSocket, "[\"" + adminId + "\"]") + ",\"T\"]"));
        assertThat(admin.next()).isEqualTo(new Received("config",
                "[{\"supportedFeatures\":" + ALL_FEATURES + ",\"ALL_EVENTS\"]}]"));
        Received all = withoutTimes(admin.next());
        assertThat(all).isEqualTo(new Received("all_sockets", "[["
                + serialized(appSocket, "[\"" + appSocket.id() + "\",\"lobby\"]") + ","
                + serialized(adminSocket, "[\"" + adminId + "\"]") + "]]"));

        // events both ways, a room the application joins, then the UI's commands
        app.emit("echo", "hi", Map.of("n", 1));
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("event_received",
                "[\"/\",\"" + appSocket.id() + "\",[\"echo\",\"hi\",{\"n\":1}],\"T\"]"));
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("event_sent",
                "[\"/\",\"" + appSocket.id() + "\",[\"echo\",\"hi\",{\"n\":1}],\"T\"]"));
        app.timeout(Duration.ofSeconds(10)).emitWithAck("join", "r2").get(10, TimeUnit.SECONDS);
        assertThat(withoutTimes(admin.next()).name()).isEqualTo("event_received");
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("room_joined",
                "[\"/\",\"r2\",\"" + appSocket.id() + "\",\"T\"]"));

        admin.socket.emit("join", "/", "r3", appSocket.id());
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("room_joined",
                "[\"/\",\"r3\",\"" + appSocket.id() + "\",\"T\"]"));
        assertThat(appSocket.rooms()).containsExactlyInAnyOrder(appSocket.id(), "lobby", "r2", "r3");
        admin.socket.emit("leave", "/", "r2", appSocket.id());
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("room_left",
                "[\"/\",\"r2\",\"" + appSocket.id() + "\",\"T\"]"));

        admin.socket.emit("emit", "/", appSocket.id(), "notice", "from admin", 2);
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("event_sent",
                "[\"/\",\"" + appSocket.id() + "\",[\"notice\",\"from admin\",2],\"T\"]"));

        BlockingQueue<String> appDisconnect = new LinkedBlockingQueue<>();
        app.onDisconnect(r -> appDisconnect.add(r.text()));
        admin.socket.emit("_disconnect", "/", false, appSocket.id());
        assertThat(appDisconnect.poll(10, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        // as Node: socket_disconnected, then the rooms it left
        assertThat(withoutTimes(admin.next())).isEqualTo(new Received("socket_disconnected",
                "[\"/\",\"" + appSocket.id() + "\",\"server namespace disconnect\",\"T\"]"));
        Set<String> left = new HashSet<>();
        for (Received r : admin.next(3)) {
            assertThat(r.name()).isEqualTo("room_left");
            left.add(withoutTimes(r).args());
        }
        assertThat(left).containsExactlyInAnyOrder(
                "[\"/\",\"" + appSocket.id() + "\",\"" + appSocket.id() + "\",\"T\"]",
                "[\"/\",\"lobby\",\"" + appSocket.id() + "\",\"T\"]",
                "[\"/\",\"r3\",\"" + appSocket.id() + "\",\"T\"]");

        // server_stats: the counts, the namespaces, what happened since the last one; the Java client closes its
        // connection once its last socket is gone: a round that starts after that
        org.awaitility.Awaitility.await().until(() -> io.engine().sessionCount() == 1);
        List<Received> skipped = new ArrayList<>();
        admin.nextStats(skipped);
        JsonObject stats = (JsonObject) parse(admin.nextStats(skipped).args()).get(0);
        assertThat(stats.keySet()).containsExactly("serverId", "hostname", "pid", "uptime", "clientsCount",
                "pollingClientsCount", "aggregatedEvents", "namespaces");
        assertThat(stats.getJsonNumber("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stats.getInt("clientsCount")).isEqualTo(1);
        assertThat(stats.getInt("pollingClientsCount")).isZero();
        assertThat(stats.get("namespaces").toString())
                .isEqualTo("[{\"name\":\"/\",\"socketsCount\":0},{\"name\":\"/admin\",\"socketsCount\":1}]");
        for (var e : stats.getJsonArray("aggregatedEvents")) {
            JsonObject o = e.asJsonObject();
            assertThat(o.getJsonNumber("timestamp").longValue() % 1000).isZero();
            assertThat(o.getString("type")).isIn("rawConnection", "rawDisconnection", "packetsIn", "packetsOut",
                    "bytesIn", "bytesOut");
            assertThat(o.keySet()).containsExactly(o.containsKey("subType")
                    ? new String[]{"timestamp", "type", "subType", "count"} : new String[]{"timestamp", "type", "count"});
        }
    }

    /** The upgrade to WebSocket and a change of the socket's data reach the UI at the next stats round. */
    @Test
    void socketUpdatedForTheUpgradeAndTheData() throws Exception {
        start(AdminOptions.basic("admin", HASH).withMode(AdminOptions.Mode.DEVELOPMENT));
        AdminClient admin = admin(CREDENTIALS);
        admin.connected.get(10, TimeUnit.SECONDS);
        assertThat(admin.next(5).get(4).name()).isEqualTo("all_sockets");
        org.socketioee.client.Socket app = IO.socket(server.baseUrl(), ClientOptions.defaults().withForceNew(true)
                .withTransports(ClientOptions.Transport.POLLING, ClientOptions.Transport.WEBSOCKET)
                .withReconnection(false));
        closing.add(() -> app.io().close());
        Socket appSocket = nextSocket();
        assertThat(admin.next().name()).isEqualTo("room_joined");
        Received connected = admin.next();
        assertThat(connected.name()).isEqualTo("socket_connected");
        // connected over polling, upgraded after: unless the upgrade won the race with the CONNECT (then only data)
        boolean polling = connected.args().contains("\"transport\":\"polling\"");
        appSocket.data().put("nick", "ann");
        Set<String> expected = new HashSet<>(Set.of(
                "[{\"id\":\"" + appSocket.id() + "\",\"nsp\":\"/\",\"data\":{\"nick\":\"ann\"}}]"));
        if (polling) {
            expected.add("[{\"id\":\"" + appSocket.id() + "\",\"nsp\":\"/\",\"transport\":\"websocket\"}]");
        }
        Set<String> updates = new HashSet<>();
        while (updates.size() < expected.size()) {
            Received r = admin.next();
            assertThat(r.name()).isEqualTo("socket_updated");
            updates.add(r.args());
        }
        assertThat(updates).isEqualTo(expected);
        assertThat(appSocket.data()).containsKey("_admin").containsEntry("nick", "ann");
    }

    @Test
    void serverStatsAggregateTheEventsOfTheLastTwoSeconds() throws Exception {
        start(AdminOptions.basic("admin", HASH)); // production mode
        AdminClient admin = admin(CREDENTIALS);
        admin.connected.get(10, TimeUnit.SECONDS);
        assertThat(admin.next().name()).isEqualTo("session");
        assertThat(admin.next()).isEqualTo(new Received("config", "[{\"supportedFeatures\":" + ALL_FEATURES + "]}]"));
        admin.nextStats(new ArrayList<>()); // the round that may have started before the client below

        org.socketioee.client.Socket app = appClient();
        Socket appSocket = nextSocket();
        app.emit("echo", "12345"); // in: 2["echo","12345"] = 18 bytes; out: the same
        app.timeout(Duration.ofSeconds(10)).emitWithAck("join", "x").get(10, TimeUnit.SECONDS);
        app.disconnect();
        List<Received> skipped = new ArrayList<>();
        Map<String, Long> counts = new java.util.TreeMap<>();
        // production mode: nothing per socket, only counts (one or two rounds, as the timer falls)
        while (counts.getOrDefault("rawDisconnection/client namespace disconnect", 0L)
                + counts.getOrDefault("rawDisconnection/transport close", 0L) == 0) {
            JsonObject stats = (JsonObject) parse(admin.nextStats(skipped).args()).get(0);
            for (var e : stats.getJsonArray("aggregatedEvents")) {
                JsonObject o = e.asJsonObject();
                String key = o.getString("type") + (o.containsKey("subType") ? "/" + o.getString("subType") : "");
                counts.merge(key, o.getJsonNumber("count").longValue(), Long::sum);
            }
        }
        assertThat(skipped).as("no per-socket event in production mode").isEmpty();
        assertThat(appSocket.connected()).isFalse();
        // in: CONNECT "0", 2["echo","12345"], 21["join","x"], DISCONNECT "1" (only the client's: the admin sent
        // nothing since its CONNECT, counted in the round skipped above)
        assertThat(counts).containsEntry("rawConnection", 1L).containsEntry("packetsIn", 4L)
                .containsEntry("bytesIn", 1L + 17 + 14 + 1)
                .containsEntry("rawDisconnection/transport close", 1L);
        // out: the CONNECT answer, the echo and the ack 31[] to the client, and the admin's server_stats
        assertThat(counts.get("packetsOut")).isGreaterThanOrEqualTo(3L);
        assertThat(counts.get("bytesOut")).isGreaterThanOrEqualTo(("0{\"sid\":\"" + appSocket.id() + "\"}").length() + 17 + 4L);
    }

    @Test
    void wrongPasswordIsRefusedWithOneWarning() throws Exception {
        start(AdminOptions.basic("admin", HASH));
        try (LogCapture log = new LogCapture("org.socketioee", java.util.logging.Level.WARNING)) {
            AdminClient admin = admin(Map.of("username", "admin", "password", "wrong"));
            assertThat(admin.refused.get(10, TimeUnit.SECONDS).getMessage()).isEqualTo("invalid credentials");
            AdminClient nobody = admin(Map.of());
            assertThat(nobody.refused.get(10, TimeUnit.SECONDS).getMessage()).isEqualTo("invalid credentials");
            assertThat(log.lines).containsExactly(
                    "WARNING org.socketioee.admin.BasicAuthentication: socket.io admin: invalid credentials from 127.0.0.1",
                    "WARNING org.socketioee.admin.BasicAuthentication: socket.io admin: invalid credentials from 127.0.0.1");
        }
        assertThat(io.of("/admin").sockets()).isEmpty();
    }

    @Test
    void theSessionIdLogsInAgainWithoutThePassword() throws Exception {
        start(AdminOptions.basic("admin", HASH));
        AdminClient first = admin(CREDENTIALS);
        first.connected.get(10, TimeUnit.SECONDS);
        String sessionId = parse(first.next().args()).getString(0);
        AdminClient again = admin(Map.of("sessionId", sessionId));
        again.connected.get(10, TimeUnit.SECONDS);
        assertThat(again.next().name()).as("no new session").isEqualTo("config");
        AdminClient forged = admin(Map.of("sessionId", "0123456789abcdef"));
        assertThat(forged.refused.get(10, TimeUnit.SECONDS).getMessage()).isEqualTo("invalid credentials");
    }

    @Test
    void readonlyOffersAndObeysNoCommand() throws Exception {
        start(AdminOptions.basic("admin", HASH).withReadonly(true).withMode(AdminOptions.Mode.DEVELOPMENT));
        org.socketioee.client.Socket app = appClient();
        Socket appSocket = nextSocket();
        AdminClient admin = admin(CREDENTIALS);
        admin.connected.get(10, TimeUnit.SECONDS);
        List<Received> first = admin.next(5); // session, room_joined, socket_connected, config, all_sockets
        assertThat(first.get(3)).isEqualTo(new Received("config",
                "[{\"supportedFeatures\":[\"AGGREGATED_EVENTS\",\"ALL_EVENTS\"]}]"));
        // on the admin's own connection, so the server has handled the commands before it answers
        org.socketioee.client.Socket probe = admin.socket.io().socket("/");
        probe.connect();
        admin.socket.emit("join", "/", "r", appSocket.id());
        admin.socket.emit("_disconnect", "/", true, appSocket.id());
        admin.socket.emit("emit", "/", null, "notice");
        Object rooms = probe.timeout(Duration.ofSeconds(10)).emitWithAck("rooms of", appSocket.id())
                .get(10, TimeUnit.SECONDS).get(0);
        assertThat(rooms).isEqualTo(List.of(appSocket.id()));
        assertThat(appSocket.connected()).isTrue();
        assertThat(app.connected()).isTrue();
    }

    @Test
    void offByDefaultInTheWar() throws Exception {
        try (WebappTomcat war = WebappTomcat.start()) {
            AdminClient admin = new AdminClient(war.baseUrl(), CREDENTIALS);
            try {
                assertThat(admin.refused.get(20, TimeUnit.SECONDS).getMessage()).isEqualTo("Invalid namespace");
            } finally {
                admin.close();
            }
        }
    }

    @Test
    void optionsAreCheckedAtStartup() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminOptions.basic("admin", "not a hash"))
                .hasMessage("socketio.admin.passwordHash must be a valid bcrypt hash");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminOptions.load(Map.of(
                "socketio.admin.enabled", "true")::get))
                .hasMessageContaining("needs socketio.admin.username and socketio.admin.passwordHash");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminOptions.load(Map.of(
                "socketio.admin.enabled", "true", "socketio.admin.auth", "none", "socketio.admin.mode", "debug")::get))
                .hasMessage("socketio.admin.mode: unknown value \"debug\"");
        assertThat(AdminOptions.load(Map.<String, String>of()::get)).isNull();
        AdminOptions o = AdminOptions.load(Map.of("socketio.admin.enabled", "true", "socketio.admin.auth", "none",
                "socketio.admin.readonly", "true", "socketio.admin.mode", "development")::get);
        assertThat(o.auth()).isEqualTo(AdminOptions.Auth.NONE);
        assertThat(o.readonly()).isTrue();
        assertThat(o.mode()).isEqualTo(AdminOptions.Mode.DEVELOPMENT);
        assertThat(AdminOptions.load(Map.of("socketio.admin.enabled", "true", "socketio.admin.username", "a",
                "socketio.admin.passwordHash", HASH)::get).mode()).isEqualTo(AdminOptions.Mode.PRODUCTION);
    }

    /** The password check answers as bcryptjs.compareSync does, for hashes bcryptjs made. */
    @Test
    void bcryptAsBcryptjs() {
        BasicAuthentication auth = new BasicAuthentication("admin", HASH);
        assertThat(auth.matches("changeit")).isTrue();
        assertThat(auth.matches("changeiT")).isFalse();
        assertThat(auth.matches("")).isFalse();
        // the other prefixes of the same algorithm (Python's bcrypt, OpenBSD: $2b$; htpasswd, PHP: $2y$)
        assertThat(new BasicAuthentication("admin", HASH.replace("$2a$", "$2b$")).matches("changeit")).isTrue();
        assertThat(new BasicAuthentication("admin", HASH.replace("$2a$", "$2y$")).matches("changeit")).isTrue();
        // bcryptjs.hashSync("a".repeat(80), 4): bcrypt reads the first 72 bytes only, bcryptjs as well
        BasicAuthentication longOne = new BasicAuthentication("admin",
                "$2a$04$1H5VAPGb.R17Re6jYxfRk.O8mgAh2Zu2fSosIHqwWxhK14YyJnCpK");
        assertThat(longOne.matches("a".repeat(80))).isTrue();
        assertThat(longOne.matches("a".repeat(72) + "zzz")).isTrue();
        assertThat(longOne.matches("a".repeat(71))).isFalse();
    }

    /**
     * The socket as admin-ui's serialize() writes it, the times replaced by "T" (checked by {@link #withoutTimes}):
     * the headers are the server's, one string per name; everything else is spelled out.
     */
    private static String serialized(Socket s, String rooms) {
        var h = s.handshake();
        StringBuilder headers = new StringBuilder("{");
        new java.util.TreeMap<>(h.headers()).forEach((k, v) -> headers.append(headers.length() > 1 ? "," : "")
                .append(Json.createValue(k)).append(':').append(Json.createValue(String.join(", ", v))));
        headers.append('}');
        return "{\"id\":\"" + s.id() + "\",\"clientId\":\"" + s.connectionId().substring(0, 12)
                + "\",\"transport\":\"websocket\",\"nsp\":\"" + s.namespace().name() + "\",\"data\":{},"
                + "\"handshake\":{\"address\":\"127.0.0.1\",\"headers\":" + headers
                + ",\"query\":{\"EIO\":\"4\",\"transport\":\"websocket\"},\"issued\":" + h.time().toEpochMilli()
                + ",\"secure\":false,\"time\":\"T\",\"url\":\"" + h.url() + "\",\"xdomain\":" + h.xdomain() + "},\"rooms\":"
                + rooms + "}";
    }

    /** The event with its times (JSON dates, handshake date strings) replaced by "T", once their form is checked. */
    private static Received withoutTimes(Received r) {
        String s = DATE_STRING.matcher(r.args()).replaceAll("\"time\":\"T\"");
        Matcher m = TIME.matcher(s);
        return new Received(r.name(), m.replaceAll("\"T\""));
    }

    private static JsonArray parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
