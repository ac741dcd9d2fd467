package org.socketioee.adapter.redis;

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
}
