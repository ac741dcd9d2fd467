package org.socketioee.adapter.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.testing.Background;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.Missing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A Redis of the test's own ({@code redis-server} on a free port) killed under two nodes while one broadcasts every
 * 5 ms, then started again: the
 * nodes serve their own sockets meanwhile, cross-node requests fail at once with a clear error, and Lettuce
 * reconnects and resubscribes, so the cluster works again.
 */
class RedisOutageTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private Background redis;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static Optional<Path> redisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Background startRedis(Path server, int port) {
        Background b = Background.start(new ProcessBuilder(server.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectError(ProcessBuilder.Redirect.INHERIT), Duration.ofSeconds(10), "redis-server");
        await().atMost(10, TimeUnit.SECONDS).ignoreExceptions().until(() -> LocalRedis.ping(port));
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * @param protocol classic, sharded (its room channels are subscribed again too) or streams (its stream is
     *                 read again from where it was)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"classic", "sharded", "streams"})
    void nodesServeTheirOwnSocketsFailFastAndRecoverWhenRedisComesBack(String protocol) throws Exception {
        Path server = redisServer().orElse(null);
        if (server == null) {
            Missing.skipOrFail("redis-server is needed on the PATH for the Redis outage test");
        }
        int port = freePort();
        redis = startRedis(server, port);
        RedisAdapterOptions options = new RedisAdapterOptions("redis://127.0.0.1:" + port, LocalRedis.prefix(),
                Duration.ofMillis(2000));
        JavaNode a = new JavaNode("A", options, protocol, null);
        open.add(a);
        JavaNode b = new JavaNode("B", options, protocol, null);
        open.add(b);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);
        ClusterClient a1 = new ClusterClient(a.url(), "a1", null);
        open.add(a1);
        ClusterClient b1 = new ClusterClient(b.url(), "b1", "rb");
        open.add(b1);
        // load throughout: A broadcasts to room "load" every 5 ms, to a client of each node
        ClusterClient aLoad = new ClusterClient(a.url(), "aLoad", "load");
        open.add(aLoad);
        ClusterClient bLoad = new ClusterClient(b.url(), "bLoad", "load");
        open.add(bLoad);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                a.io.to("load").emit("n", sent.getAndIncrement());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "outage-load");
        load.start();
        open.add(() -> {
            loading.set(false);
            load.join();
        });

        LogCapture log = new LogCapture("org.socketioee.adapter.redis", Level.INFO);
        open.add(log);
        redis.kill();
        redis = null;
        long killedAt = System.nanoTime();
        int sentBefore = sent.get();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try {
                a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS);
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        });

        a.io.emit("msg", "while away");
        assertThat(a1.next()).isEqualTo("msg [while away]"); // this node's sockets are still served

        long start = System.nanoTime();
        assertThatThrownBy(() -> a.io.sockets().fetchSockets().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("redis adapter: cannot count the nodes of the cluster: Redis at redis://127.0.0.1:"
                        + port + " is unreachable");
        CompletableFuture<List<Object>> acks = a.io.timeout(Duration.ofSeconds(10)).emitWithAck("q", "x");
        assertThatThrownBy(() -> acks.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("is unreachable");
        assertThat(a1.next()).isEqualTo("q [x]"); // delivered here all the same (a1 answered it)
        assertThatThrownBy(() -> a.io.sockets().serverSideEmitWithAck("who").get(5, TimeUnit.SECONDS))
                .cause().hasMessageContaining("is unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2)); // not the timeouts

        int sentDuring = sent.get() - sentBefore;
        // a room created while Redis is away (sharded: the SSUBSCRIBE of its channel is refused then); it must hear
        // the other nodes once Redis is back
        ClusterClient bLate = new ClusterClient(b.url(), "bLate", "late");
        open.add(bLate);
        // away for longer than the adapter's command timeout (2 s): a stream read that was blocked when Redis went
        // has failed by then, and the node must read the stream again once Redis is back (streams protocol)
        long awayMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        if (awayMs < 3000) {
            Thread.sleep(3000 - awayMs);
        }
        redis = startRedis(server, port);
        // Lettuce reconnects both connections and subscribes the channels again
        await().atMost(30, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);
        a.io.emit("msg", "back");
        assertThat(b1.next()).isEqualTo("msg [back]"); // b1 got nothing while Redis was away
        assertThat(a1.next()).isEqualTo("msg [back]");
        a.io.to("rb").emit("msg", "to rb"); // a room's channel (sharded: a channel of its own, subscribed again)
        assertThat(b1.next()).isEqualTo("msg [to rb]");
        // (sent until one arrives: B subscribes again as its subscriber reconnects, maybe after A's publish is back)
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            a.io.to("late").emit("msg", "to late");
            return "msg [to late]".equals(bLate.events.poll(200, TimeUnit.MILLISECONDS));
        });

        // the load: A's own client got every broadcast, in order, through the outage; B's gets them again
        loading.set(false);
        load.join();
        int last = sent.get() - 1;
        List<String> expected = java.util.stream.IntStream.rangeClosed(0, last).mapToObj(i -> "n [" + i + "]").toList();
        List<String> gotOnA = new ArrayList<>();
        while (gotOnA.size() < expected.size()) {
            String e = aLoad.next();
            if (e.startsWith("n [")) { // (it is a client of A: the test's broadcasts to all reach it too)
                gotOnA.add(e);
            }
        }
        assertThat(gotOnA).isEqualTo(expected);
        String lastOnB = null;
        while (!("n [" + last + "]").equals(lastOnB)) {
            lastOnB = bLoad.next(); // fails after 10 s without one
        }
        assertThat(sentDuring).as("broadcasts while Redis was away").isPositive();

        // one WARNING per node when Redis went away, one for the publishes that failed, one INFO per node when back
        String uri = "redis://127.0.0.1:" + port;
        // (Lettuce's reason depends on when the first publish failed: in flight as the connection broke, "Connection
        // reset" or "Connection disconnected", or refused while it is down, "Currently not connected. …")
        // sharded: the room created while Redis was away could not be subscribed then, said once; room "load"'s
        // subscription may have been in flight as Redis went (then said once too, and subscribed again since)
        String loadRoom = "subscribing " + options.prefix() + "#/#load# failed for now: ";
        List<String> expectedLog = new ArrayList<>(List.of(
                "WARNING org.socketioee.adapter.redis.RedisCluster: redis adapter: lost the connection to " + uri
                        + "; serving this node's sockets only, reconnecting",
                "WARNING org.socketioee.adapter.redis.RedisCluster: redis adapter: lost the connection to " + uri
                        + "; serving this node's sockets only, reconnecting",
                "WARNING org.socketioee.adapter.redis.RedisCluster: redis adapter: cannot publish to the other nodes: "
                        + "Redis at " + uri + " is unreachable (…) (logged once until Redis is back)",
                "INFO org.socketioee.adapter.redis.RedisCluster: redis adapter: reconnected to " + uri,
                "INFO org.socketioee.adapter.redis.RedisCluster: redis adapter: reconnected to " + uri));
        if (protocol.equals("sharded")) {
            expectedLog.add("WARNING org.socketioee.adapter.redis.RedisCluster: redis adapter: subscribing "
                    + options.prefix() + "#/#late# failed for now: Currently not connected. Commands are rejected.");
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(log.lines.stream()
                .map(l -> l.replaceFirst("is unreachable \\(.*\\) \\(logged once", "is unreachable (…) (logged once"))
                .filter(l -> !l.contains(loadRoom))
                .toList()).containsExactlyInAnyOrderElementsOf(expectedLog));
        assertThat(log.records).allSatisfy(r -> assertThat(r.getThrown()).isNull());
    }
}
