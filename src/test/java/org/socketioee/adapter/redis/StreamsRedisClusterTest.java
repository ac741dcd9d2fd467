package org.socketioee.adapter.redis;

/**
 * {@link RedisClusterTest}'s operations on the protocol of {@code @socket.io/redis-streams-adapter}: what reaches
 * every node through the Redis stream, the rest by Pub/Sub.
 */
class StreamsRedisClusterTest extends RedisClusterTest {
    @Override
    String protocol() {
        return "streams";
    }
}
