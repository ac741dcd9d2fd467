package org.socketioee.adapter.redis;

/**
 * {@link BenchClusterTest} on the protocol of {@code @socket.io/redis-streams-adapter}: the Java nodes with the
 * streams adapter, the Node twin with {@code --adapter redis-streams}.
 */
class StreamsBenchClusterTest extends BenchClusterTest {
    @Override
    String adapter() {
        return "redis-streams";
    }
}
