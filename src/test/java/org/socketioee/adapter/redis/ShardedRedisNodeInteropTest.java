package org.socketioee.adapter.redis;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisNodeInteropTest} on the sharded protocol: a Java node and a Node.js node whose adapter is
 * {@code createShardedAdapter} (subscription mode {@code dynamic}) in one cluster, each operation started on one
 * side and observed by clients of the other.
 */
class ShardedRedisNodeInteropTest extends RedisNodeInteropTest {
    @Override
    boolean sharded() {
        return true;
    }

    /**
     * Broadcasts with acks both ways; allRooms exists on the Java side only (Node's ClusterAdapter has no such
     * request: ours asks fetchSockets, which the Node node answers).
     */
    @Test
    @Override
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
        assertThat(nodeCmd(Map.of("op", "allRooms"))).isInstanceOf(Map.class)
                .satisfies(m -> assertThat(((Map<?, ?>) m).get("error")).asString().contains("allRooms is not a function"));
    }

    @Test
    @Override
    @Disabled("@socket.io/redis-emitter 5.1.0 publishes with PUBLISH on the classic channels only: it has no sharded form")
    void theRedisEmitterEmitsIntoJavaNodes() {
    }
}
