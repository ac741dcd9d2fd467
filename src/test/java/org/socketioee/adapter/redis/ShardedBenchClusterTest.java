package org.socketioee.adapter.redis;

/**
 * {@link BenchClusterTest} on the sharded protocol: the Java nodes with the sharded adapter, the Node twin with
 * {@code --adapter redis-sharded} ({@code createShardedAdapter}).
 */
class ShardedBenchClusterTest extends BenchClusterTest {
    @Override
    boolean sharded() {
        return true;
    }
}
