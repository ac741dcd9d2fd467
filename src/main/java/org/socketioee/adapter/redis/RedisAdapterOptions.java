package org.socketioee.adapter.redis;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Redis adapter's settings, named as {@code @socket.io/redis-adapter}'s options.
 *
 * @param uri              the Redis server, e.g. {@code redis://localhost:6379} (Lettuce's URI syntax)
 * @param prefix           the channels' prefix (Node's {@code key}, the sharded adapter's {@code channelPrefix}):
 *                         every node of one cluster uses the same
 * @param requestsTimeout  how long a request to the other nodes (fetchSockets, allRooms, serverSideEmit with acks)
 *                         waits for their answers
 * @param subscriptionMode the sharded adapter's {@code subscriptionMode}: which rooms get a channel of their own
 *                         (the classic adapter ignores it)
 */
public record RedisAdapterOptions(String uri, String prefix, Duration requestsTimeout,
                                  SubscriptionMode subscriptionMode) {
    public static final String URI = "socketio.redis.uri";
    public static final String PREFIX = "socketio.redis.prefix";
    public static final String REQUESTS_TIMEOUT = "socketio.redis.requestsTimeout";
    public static final String SUBSCRIPTION_MODE = "socketio.redis.subscriptionMode";

    /**
     * Which rooms the sharded adapter gives a channel of their own, as {@code @socket.io/redis-adapter}'s
     * {@code subscriptionMode}: {@code static} none (every message on {@code <prefix>#<nsp>#}); {@code dynamic}
     * (its default) every public room, so a broadcast to one room reaches only the nodes that have it;
     * {@code dynamic-private} socket ids' rooms too.
     */
    public enum SubscriptionMode {
        STATIC, DYNAMIC, DYNAMIC_PRIVATE;

        /** {@code static}, {@code dynamic} or {@code dynamic-private}, as Node spells them. */
        public static SubscriptionMode of(String name) {
            for (SubscriptionMode m : values()) {
                if (m.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException(SUBSCRIPTION_MODE + " must be static, dynamic or dynamic-private: " + name);
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public RedisAdapterOptions(String uri, String prefix, Duration requestsTimeout) {
        this(uri, prefix, requestsTimeout, SubscriptionMode.DYNAMIC);
    }

    public static RedisAdapterOptions defaults() {
        return new RedisAdapterOptions("redis://localhost:6379", "socket.io", Duration.ofMillis(5000));
    }

    /** From the {@code socketio.redis.*} settings ({@code get} returns null for an unset one). */
    public static RedisAdapterOptions load(Function<String, String> get) {
        RedisAdapterOptions d = defaults();
        String timeout = get.apply(REQUESTS_TIMEOUT);
        String mode = get.apply(SUBSCRIPTION_MODE);
        return new RedisAdapterOptions(orElse(get.apply(URI), d.uri), orElse(get.apply(PREFIX), d.prefix),
                timeout == null ? d.requestsTimeout : Duration.ofMillis(Long.parseLong(timeout.trim())),
                mode == null || mode.isBlank() ? d.subscriptionMode : SubscriptionMode.of(mode));
    }

    public RedisAdapterOptions withPrefix(String p) {
        return new RedisAdapterOptions(uri, p, requestsTimeout, subscriptionMode);
    }

    public RedisAdapterOptions withRequestsTimeout(Duration d) {
        return new RedisAdapterOptions(uri, prefix, d, subscriptionMode);
    }

    public RedisAdapterOptions withSubscriptionMode(SubscriptionMode m) {
        return new RedisAdapterOptions(uri, prefix, requestsTimeout, m);
    }

    private static String orElse(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim();
    }
}
