package org.socketioee.adapter.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.examples.BenchHandlers;
import org.socketioee.server.ServerOptions;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.Background;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.Node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bench launch's handlers ({@link BenchHandlers}) and their Node.js twin ({@code src/bench/node/server.mjs}
 * with {@code --adapter redis}) in one mixed cluster on the local Redis: two Java nodes and one Node node, a client
 * on each, every cluster operation asked of one node and observed on all three.
 */
class BenchClusterTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private String prefix;

    /** The protocol of the three nodes: the classic one here, the sharded one in {@link ShardedBenchClusterTest}. */
    boolean sharded() {
        return false;
    }

    /** {@code redis}, {@code redis-sharded} or {@code redis-streams} ({@link StreamsBenchClusterTest}). */
    String adapter() {
        return sharded() ? "redis-sharded" : "redis";
    }

    private final List<SocketIoServer> javaNodes = new ArrayList<>();
    private String nodeUrl;

    @BeforeEach
    void cluster() throws Exception {
        LocalRedis.require();
        Node.require();
        prefix = LocalRedis.prefix();
        javaNode("A");
        javaNode("B");
        int port = freePort();
        Background twin = Node.start(Duration.ofSeconds(30), benchTwin().toString(), "--port", String.valueOf(port),
                "--adapter", adapter(), "--redis-url", LocalRedis.URI, "--prefix", prefix, "--name", "N");
        open.add(twin);
        assertThat(twin.firstLine()).startsWith("socket.io Server bench server on http://127.0.0.1:" + port);
        nodeUrl = "http://127.0.0.1:" + port;
        await().atMost(10, TimeUnit.SECONDS).until(() -> javaNodes.get(0).sockets().adapter().serverCount()
                .get(5, TimeUnit.SECONDS) == 3);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private final List<String> urls = new ArrayList<>();

    private void javaNode(String name) {
        RedisCluster redis = RedisCluster.connect(new RedisAdapterOptions(LocalRedis.URI, prefix, Duration.ofMillis(3000)));
        open.add(redis::close);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            SocketIoServer io = new SocketIoServer(engine, ServerOptions.defaults().withAdapter(switch (adapter()) {
                case "redis-sharded" -> redis.shardedAdapterFactory(null);
                case "redis-streams" -> redis.streamsAdapterFactory(null);
                default -> redis.adapterFactory();
            }));
            BenchHandlers.install(io, name);
            javaNodes.add(io);
            open.add(io::close);
        });
        open.add(tomcat);
        urls.add(tomcat.baseUrl());
    }

    /**
     * server.mjs lives in the bench's own npm project; a copy beside a link to the test's node_modules (which has
     * the same socket.io, redis and @socket.io/redis-adapter) runs it without a second install.
     */
    private static Path benchTwin() throws IOException {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = base.resolve("target/bench-twin");
        Files.createDirectories(dir);
        Path script = dir.resolve("server.mjs");
        Files.copy(base.resolve("src/bench/node/server.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
        Path modules = dir.resolve("node_modules");
        if (!Files.exists(modules)) {
            Files.createSymbolicLink(modules, Node.DIR.resolve("node_modules"));
        }
        return script;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ClusterClient client(String url, String name, String room) throws Exception {
        ClusterClient c = new ClusterClient(url, name, null);
        open.add(c);
        if (room != null) {
            c.socket.emitWithAck("join", room).get(5, TimeUnit.SECONDS);
        }
        return c;
    }

    private static List<Object> ask(ClusterClient c, String event, Object... args) throws Exception {
        return c.socket.emitWithAck(event, args).get(10, TimeUnit.SECONDS);
    }

    private static int count(ClusterClient c, String room) throws Exception {
        return ((Number) ask(c, "count", room).get(0)).intValue();
    }

    @Test
    void everyClusterOperationReachesJavaAndNodeNodes() throws Exception {
        ClusterClient a1 = client(urls.get(0), "a1", "r");
        ClusterClient b1 = client(urls.get(1), "b1", "r");
        ClusterClient n1 = client(nodeUrl, "n1", "r");
        ClusterClient b2 = client(urls.get(1), "b2", null);

        for (ClusterClient asker : List.of(a1, b2, n1)) {
            assertThat(count(asker, "r")).as("count(r) asked of " + asker.name).isEqualTo(3);
        }

        assertThat(ask(a1, "servers").get(0)).asList().containsExactlyInAnyOrder("B", "N");
        assertThat(ask(n1, "servers").get(0)).asList().containsExactlyInAnyOrder("A", "B");

        for (ClusterClient asker : List.of(b2, n1)) {
            assertThat(ask(asker, "gather", "r", 3000).get(0)).as("gather asked of " + asker.name).asList()
                    .containsExactlyInAnyOrder("a1 got null", "b1 got null", "n1 got null");
        }
        for (ClusterClient c : List.of(a1, b1, n1)) {
            assertThat(List.of(c.next(), c.next())).as(c.name + " was asked twice").containsOnly("q []");
        }

        ask(n1, "socketsJoin", "r", "r2");
        await().atMost(5, TimeUnit.SECONDS).until(() -> count(a1, "r2") == 3);
        if (sharded()) {
            RoomChannels.await(prefix, "r2", 3); // each node subscribes to the new room's channel
        }
        b2.socket.emit("broadcast", "r2", "to r2");
        for (ClusterClient c : List.of(a1, b1, n1)) {
            assertThat(c.next()).isEqualTo("msg [to r2]");
        }

        ask(b2, "disconnect-room", "r2");
        for (ClusterClient c : List.of(a1, b1, n1)) {
            assertThat(c.disconnected.get(5, TimeUnit.SECONDS)).as(c.name).isEqualTo("io server disconnect");
        }
        assertThat(b2.disconnected).isNotDone();
        assertThat(count(b2, "r")).isZero();
        assertThat(ask(b2, "echo", "still here")).containsExactly("still here");
    }
}
