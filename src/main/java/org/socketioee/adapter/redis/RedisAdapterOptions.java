package org.socketioee.adapter.redis;

import java.time.Duration;
import java.util.function.Function;

/**
 * The Redis adapter's settings, named as {@code @socket.io/redis-adapter}'s options.
 *
 * @param uri             the Redis server, e.g. {@code redis://localhost:6379} (Lettuce's URI syntax)
 * @param prefix          the channels' prefix (Node's {@code key}): every node of one cluster uses the same
 * @param requestsTimeout how long a request to the other nodes (fetchSockets, allRooms, serverSideEmit with acks)
 *                        waits for their answers
 */
public record RedisAdapterOptions(String uri, String prefix, Duration requestsTimeout) {
    public static final String URI = "socketio.redis.uri";
    public static final String PREFIX = "socketio.redis.prefix";
    public static final String REQUESTS_TIMEOUT = "socketio.redis.requestsTimeout";

    public static RedisAdapterOptions defaults() {
        return new RedisAdapterOptions("redis://localhost:6379", "socket.io", Duration.ofMillis(5000));
    }

    /** From the {@code socketio.redis.*} settings ({@code get} returns null for an unset one). */
    public static RedisAdapterOptions load(Function<String, String> get) {
        RedisAdapterOptions d = defaults();
        String timeout = get.apply(REQUESTS_TIMEOUT);
        return new RedisAdapterOptions(orElse(get.apply(URI), d.uri), orElse(get.apply(PREFIX), d.prefix),
                timeout == null ? d.requestsTimeout : Duration.ofMillis(Long.parseLong(timeout.trim())));
    }

    public RedisAdapterOptions withPrefix(String p) {
        return new RedisAdapterOptions(uri, p, requestsTimeout);
    }

    public RedisAdapterOptions withRequestsTimeout(Duration d) {
        return new RedisAdapterOptions(uri, prefix, d);
    }

    private static String orElse(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim();
    }
}
