package org.socketioee.adapter.redis;

import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.Node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @socket.io/redis-emitter} 5.1.0 ({@code redis-emit.mjs}) emitting into a Java node of a classic-protocol
 * cluster. Only there: the emitter publishes on the classic adapter's channels, which neither the sharded nor the
 * streams protocol reads (in Node either).
 */
class RedisEmitterInteropTest {
    private String prefix;
    private JavaNode java;
    private final java.util.List<AutoCloseable> open = new java.util.ArrayList<>();

    @BeforeEach
    void node() {
        LocalRedis.require();
        Node.require();
        prefix = LocalRedis.prefix();
        java = new JavaNode("J", new RedisAdapterOptions(LocalRedis.URI, prefix, Duration.ofMillis(3000)));
        open.add(java);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ClusterClient client(String url, String name, String room) throws Exception {
        ClusterClient c = new ClusterClient(url, name, room);
        open.add(c);
        return c;
    }

    @Test
    void theRedisEmitterEmitsIntoJavaNodes() throws Exception {
        ClusterClient j1 = client(java.url(), "j1", "r");
        ClusterClient j2 = client(java.url(), "j2", null);
        String commands = JsonbBuilder.create().toJson(List.of(
                Map.of("op", "emit", "event", "msg", "args", List.of("from emitter", Map.of("$bin", "AQID"))),
                Map.of("op", "emit", "rooms", List.of("r"), "event", "msg", "args", List.of("to r")),
                Map.of("op", "emit", "except", List.of("r"), "event", "msg", "args", List.of("not r")),
                Map.of("op", "serverSideEmit", "event", "note", "args", List.of(7)),
                Map.of("op", "socketsJoin", "rooms", List.of("r"), "room", "z")));
        Node.Result r = Node.run(Duration.ofSeconds(30), "redis-emit.mjs", "--prefix", prefix, commands);
        assertThat(r.exitCode()).as(r.toString()).isZero();

        assertThat(j1.next()).isEqualTo("msg [from emitter,bin:010203]");
        assertThat(j1.next()).isEqualTo("msg [to r]");
        assertThat(j2.next()).isEqualTo("msg [from emitter,bin:010203]");
        assertThat(j2.next()).isEqualTo("msg [not r]");
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.serverSide.contains("note [7]"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.io.sockets().sockets().get(j1.id()).rooms().contains("z"));
        assertThat(java.io.sockets().sockets().get(j2.id()).rooms()).doesNotContain("z");
    }
}
