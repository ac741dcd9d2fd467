package org.socketioee.adapter.redis;

import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.parser.JavaTree;
import org.socketioee.server.RemoteSocket;
import org.socketioee.testing.Background;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java node and a Node.js node (socket.io 4.8 + {@code @socket.io/redis-adapter} 8.3.0, {@code redis-node.mjs})
 * in one cluster on the local Redis: each operation started on one side and observed by clients of the other
 * ({@link RedisEmitterInteropTest}: the Node emitter). {@link ShardedRedisNodeInteropTest} runs them on the
 * sharded protocol.
 */
class RedisNodeInteropTest {
    // HTTP/1.1: an h2c upgrade header would make the Node server treat the request as a WebSocket upgrade
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    String prefix;
    JavaNode java;
    private Background node;
    String nodeUrl;
    int nodePort;

    /** The protocol of both nodes: the classic one here, the sharded one in {@link ShardedRedisNodeInteropTest}. */
    boolean sharded() {
        return false;
    }

    /** {@code classic}, {@code sharded} or {@code streams} ({@link StreamsRedisNodeInteropTest}). */
    String protocol() {
        return sharded() ? "sharded" : "classic";
    }

    /** Connection state recovery of both nodes (null: off). */
    org.socketioee.adapter.RecoveryOptions recovery() {
        return null;
    }

    private String[] nodeArgs() {
        List<String> args = new ArrayList<>(List.of("--prefix", prefix, "--name", "N"));
        switch (protocol()) {
            case "sharded" -> args.addAll(List.of("--sharded", "dynamic"));
            case "streams" -> args.add("--streams");
            default -> {
            }
        }
        if (recovery() != null) {
            args.addAll(List.of("--recovery", String.valueOf(recovery().maxDisconnectionDuration().toMillis())));
        }
        return args.toArray(String[]::new);
    }

    /** The test being run (its display name), for subclasses that set up per test. */
    String testName;

    @BeforeEach
    void cluster(org.junit.jupiter.api.TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse(""); // ("java" is the node here)
        LocalRedis.require();
        Node.require();
        prefix = LocalRedis.prefix();
        java = new JavaNode("J", new RedisAdapterOptions(LocalRedis.URI, prefix, Duration.ofMillis(3000)), protocol(),
                recovery());
        open.add(java);
        node = Node.start(Duration.ofSeconds(30), "redis-node.mjs", nodeArgs());
        open.add(node);
        Map<?, ?> ready = (Map<?, ?>) parse(node.firstLine());
        nodePort = ((Number) ready.get("port")).intValue();
        nodeUrl = "http://127.0.0.1:" + nodePort;
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> java.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    ClusterClient client(String url, String name, String room) throws Exception {
        ClusterClient c = new ClusterClient(url, name, room);
        open.add(c);
        return c;
    }

    /** Runs a command on the Node node and returns its JSON result as plain Java values. */
    Object nodeCmd(Map<String, Object> command) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/cmd"))
                .POST(HttpRequest.BodyPublishers.ofString(JsonbBuilder.create().toJson(command)))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return parse(r.body());
    }

    static Object parse(String json) {
        return JavaTree.of(Json.createReader(new StringReader(json)).readValue(), null);
    }

    @Test
    void broadcastsJavaToNodeAndNodeToJava() throws Exception {
        ClusterClient j1 = client(java.url(), "j1", "r");
        ClusterClient j2 = client(java.url(), "j2", null);
        ClusterClient n1 = client(nodeUrl, "n1", "r");
        if (sharded()) {
            RoomChannels.await(prefix, "r", 2); // both nodes have the room: both subscribe to its channel
        }

        java.io.to("r").emit("msg", "from java", 1, 2.5, Map.of("k", List.of(true, "v")));
        assertThat(n1.next()).isEqualTo("msg [from java,1,2.5,{k=[true,v]}]");
        assertThat(j1.next()).isEqualTo("msg [from java,1,2.5,{k=[true,v]}]");

        nodeCmd(Map.of("op", "emit", "rooms", List.of("r"), "event", "msg", "args", List.of("from node", 3, -7.25)));
        assertThat(j1.next()).isEqualTo("msg [from node,3,-7.25]");
        assertThat(n1.next()).isEqualTo("msg [from node,3,-7.25]");

        nodeCmd(Map.of("op", "emit", "except", List.of("r"), "event", "msg", "args", List.of("not r")));
        assertThat(j2.next()).isEqualTo("msg [not r]"); // its first: the room broadcasts missed it

        nodeCmd(Map.of("op", "emit", "event", "msg", "args", List.of("all")));
        assertThat(j1.next()).isEqualTo("msg [all]"); // j1 got nothing in between: "not r" missed it
        assertThat(j2.next()).isEqualTo("msg [all]");
        assertThat(n1.next()).isEqualTo("msg [all]");
    }

    @Test
    void binaryPayloadsBothWays() throws Exception {
        ClusterClient j1 = client(java.url(), "j1", null);
        ClusterClient n1 = client(nodeUrl, "n1", null);
        java.io.emit("bin", new byte[] {1, 2, 3}, Map.of("nested", new byte[] {(byte) 0xff}));
        assertThat(n1.next()).isEqualTo("bin [bin:010203,{nested=bin:ff}]");
        assertThat(j1.next()).isEqualTo("bin [bin:010203,{nested=bin:ff}]");
        nodeCmd(Map.of("op", "emit", "event", "bin", "args", List.of(Map.of("$bin", "AQID"), "t")));
        assertThat(j1.next()).isEqualTo("bin [bin:010203,t]");
    }

    @Test
    void fetchSocketsAndRemoteOperationsBothWays() throws Exception {
        ClusterClient j1 = client(java.url(), "j1", "r");
        ClusterClient n1 = client(nodeUrl, "n1", "r");

        // Java fetches the Node node's socket, and acts on it
        List<RemoteSocket> all = java.io.sockets().fetchSockets().get(5, TimeUnit.SECONDS);
        assertThat(all).extracting(RemoteSocket::id).containsExactlyInAnyOrder(j1.id(), n1.id());
        RemoteSocket onNode = all.stream().filter(s -> s.id().equals(n1.id())).findFirst().orElseThrow();
        assertThat(onNode.data()).isEqualTo(Map.of("name", "n1"));
        assertThat(onNode.rooms()).containsExactlyInAnyOrder(n1.id(), "r");
        assertThat(onNode.handshake()).containsEntry("auth", Map.of("name", "n1", "room", "r"));
        onNode.emit("direct", "to n1");
        assertThat(n1.next()).isEqualTo("direct [to n1]");
        onNode.join("x");
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.io.in("x").fetchSockets().get().size() == 1);

        // Node fetches the Java node's socket, and acts on it
        List<?> fetched = (List<?>) nodeCmd(Map.of("op", "fetch"));
        assertThat(fetched).hasSize(2);
        Map<?, ?> j = (Map<?, ?>) fetched.get(0);
        assertThat(j.get("id")).isEqualTo(j1.id());
        assertThat(j.get("data")).isEqualTo(Map.of("name", "j1"));
        assertThat(j.get("rooms")).isEqualTo(List.of(j1.id(), "r").stream().sorted().toList());
        assertThat(j.get("auth")).isEqualTo(Map.of("name", "j1", "room", "r"));
        assertThat(j.get("query")).isEqualTo(Map.of("EIO", "4", "transport", "websocket"));
        assertThat(j.get("host")).isEqualTo(java.url().substring("http://".length())); // a header, as a string
        assertThat(((Map<?, ?>) fetched.get(1)).get("rooms")).isEqualTo(List.of(n1.id(), "r", "x").stream().sorted().toList());

        nodeCmd(Map.of("op", "remoteEmit", "rooms", List.of(j1.id()), "event", "direct", "args", List.of("to j1")));
        assertThat(j1.next()).isEqualTo("direct [to j1]");
        nodeCmd(Map.of("op", "socketsJoin", "rooms", List.of("r"), "room", "y"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.io.sockets().sockets().get(j1.id()).rooms().contains("y"));
        nodeCmd(Map.of("op", "socketsLeave", "rooms", List.of("r"), "room", "y"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !java.io.sockets().sockets().get(j1.id()).rooms().contains("y"));
        nodeCmd(Map.of("op", "disconnect", "rooms", List.of(j1.id())));
        assertThat(j1.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        assertThat(n1.disconnected).isNotDone();

        // and back: Java makes the Node node's socket leave, then disconnects it
        onNode.leave("x");
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.io.in("x").fetchSockets().get().isEmpty());
        onNode.disconnect(true);
        assertThat(n1.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        assertThat((List<?>) nodeCmd(Map.of("op", "fetch"))).isEmpty();
    }

    @Test
    void serverSideEmitBothWays() throws Exception {
        assertThat(java.io.sockets().serverSideEmitWithAck("who", 1, "x").get(5, TimeUnit.SECONDS))
                .containsExactly("N");
        assertThat(nodeCmd(Map.of("op", "serverSideEmitWithAck", "event", "who", "args", List.of(2))))
                .isEqualTo(Map.of("responses", List.of("J")));
        assertThat(java.serverSide).containsExactly("who [2]");
        java.io.sockets().serverSideEmit("note", Map.of("k", 3)).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ((List<?>) nodeCmd(Map.of("op", "serverSide"))).size() == 2);
        assertThat(nodeCmd(Map.of("op", "serverSide"))).isEqualTo(List.of(
                Map.of("event", "who", "args", List.of(1, "x")),
                Map.of("event", "note", "args", List.of(Map.of("k", 3)))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void broadcastAcksAndAllRoomsAcrossJavaAndNode() throws Exception {
        ClusterClient j1 = client(java.url(), "j1", "rj");
        ClusterClient n1 = client(nodeUrl, "n1", "rn");
        assertThat(java.io.timeout(Duration.ofSeconds(5)).emitWithAck("q", "hi").get(10, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("j1 got hi", "n1 got hi");
        Map<?, ?> fromNode = (Map<?, ?>) nodeCmd(Map.of("op", "emitWithAck", "timeout", 5000, "event", "q",
                "args", List.of("yo")));
        assertThat((List<Object>) fromNode.get("responses")).containsExactlyInAnyOrder("j1 got yo", "n1 got yo");

        assertThat(java.io.sockets().adapter().allRooms().get(5, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("rj", "rn", j1.id(), n1.id());
        if (protocol().equals("classic")) {
            assertThat(nodeCmd(Map.of("op", "allRooms")))
                    .isEqualTo(List.of(j1.id(), n1.id(), "rj", "rn").stream().sorted().toList());
        } else { // the ClusterAdapter protocol has no allRooms request: Node's adapter has no allRooms() then
            assertThat(nodeCmd(Map.of("op", "allRooms"))).isInstanceOf(Map.class).satisfies(m ->
                    assertThat(((Map<?, ?>) m).get("error")).asString().contains("allRooms is not a function"));
        }
    }
}
