package org.socketioee.adapter.redis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.WebappTomcat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WAR with {@code socketio.adapter=redis} (or {@code redis-sharded}) and {@code socketio.redis.*} context-params
 * joins a cluster, and
 * leaves nothing behind when undeployed (no Lettuce, Netty or adapter thread).
 */
class RedisAdapterConfigTest {
    @ParameterizedTest(name = "socketio.adapter={0}")
    @ValueSource(strings = {"redis", "redis-sharded"})
    void theWarJoinsTheClusterFromItsContextParamsAndStopsEveryThreadOnUndeploy(String adapter) throws Exception {
        LocalRedis.require();
        String prefix = LocalRedis.prefix();
        boolean sharded = adapter.equals("redis-sharded");
        try (JavaNode other = new JavaNode("other", new RedisAdapterOptions(LocalRedis.URI, prefix, Duration.ofSeconds(2)),
                sharded);
             WebappTomcat war = WebappTomcat.start(0, null, Map.of("socketio.adapter", adapter,
                     "socketio.redis.uri", LocalRedis.URI, "socketio.redis.prefix", prefix,
                     "socketio.redis.requestsTimeout", "2000", "socketio.redis.subscriptionMode", "dynamic-private"))) {
            // every namespace of the WAR subscribes its request channel: "/" is one of them
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> other.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);
            try (ClusterClient onWar = new ClusterClient(war.baseUrl(), "w1", null)) {
                other.io.emit("msg", "from the other node");
                assertThat(onWar.next()).isEqualTo("msg [from the other node]");
                assertThat(other.io.sockets().fetchSockets().get(5, TimeUnit.SECONDS))
                        .extracting(s -> s.id()).containsExactly(onWar.id());
            }
            war.undeploy();
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> other.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 1);
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(warThreads()).isEmpty());
        }
    }

    /** Threads of the WAR's Redis adapter (the test's own node has its cluster too: told apart by loader). */
    private static List<String> warThreads() {
        ClassLoader test = RedisAdapterConfigTest.class.getClassLoader();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("socket.io-redis") || t.getName().startsWith("lettuce-"))
                .filter(t -> t.getContextClassLoader() != test)
                .map(Thread::getName).toList();
    }
}
