package org.socketioee.adapter.redis;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

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

    @Test
    @Override
    @Disabled("@socket.io/redis-emitter 5.1.0 publishes with PUBLISH on the classic channels only: it has no sharded form")
    void theRedisEmitterEmitsIntoJavaNodes() {
    }
}
