package org.socketioee.adapter.redis;

import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.adapter.redis.RedisAdapterOptions.SubscriptionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter of one namespace in a Redis cluster on sharded Pub/Sub (Redis 7's SPUBLISH/SSUBSCRIBE), speaking
 * {@code @socket.io/redis-adapter} 8.3.0's {@code createShardedAdapter} ({@code lib/sharded-adapter.ts}): the
 * {@link ClusterAdapter} messages, JSON, or MessagePack when their data holds binary,
 * <ul>
 * <li>on the channel {@code <prefix>#<nsp>#}; a broadcast without acks to exactly one public room goes to
 * {@code <prefix>#<nsp>#<room>#} instead (subscription mode {@code dynamic}, the default: each node subscribes to
 * its rooms' channels as they are created, so a room's traffic reaches only the nodes that have it);</li>
 * <li>answers to the asking node's own channel {@code <prefix>#<nsp>#<uid>#};</li>
 * <li>the number of nodes is the number of subscribers of {@code <prefix>#<nsp>#} (PUBSUB SHARDNUMSUB).</li>
 * </ul>
 */
final class ShardedRedisAdapter extends ClusterAdapter {
    /** The sharded adapter tells a socket's own room from a public one by its length: Node's ids are 20 chars. */
    private static final int SOCKET_ID_LENGTH = 20;

    private final SubscriptionMode mode;
    private final String channel;
    private final String responseChannel;
    /** Rooms whose own channel this node subscribes to (dynamic modes), until the room is deleted here. */
    private final Set<String> dynamicRooms = ConcurrentHashMap.newKeySet();

    ShardedRedisAdapter(AdapterNamespace nsp, RedisCluster cluster, RecoveryOptions recovery) {
        super(nsp, cluster, recovery); // recovery, when on, on this node only
        this.mode = cluster.options().subscriptionMode();
        this.channel = cluster.options().prefix() + "#" + nsp.name() + "#";
        this.responseChannel = channel + uid + "#";
        cluster.ssubscribe(this, channel, responseChannel);
        if (mode != SubscriptionMode.STATIC) {
            local.onCreateRoom(room -> {
                if (hasChannelOfItsOwn(room) && dynamicRooms.add(room)) {
                    cluster.ssubscribe(this, dynamicChannel(room));
                }
            });
            local.onDeleteRoom(room -> {
                if (dynamicRooms.remove(room)) {
                    cluster.sunsubscribe(dynamicChannel(room));
                }
            });
        }
    }

    /** Node's shouldUseASeparateNamespace: a public room (not a socket's own), or any room in dynamic-private. */
    private boolean hasChannelOfItsOwn(String room) {
        return mode == SubscriptionMode.DYNAMIC_PRIVATE
                || (mode == SubscriptionMode.DYNAMIC && local.socketRooms(room).isEmpty());
    }

    private String dynamicChannel(String room) {
        return channel + room + "#";
    }

    @Override
    CompletableFuture<String> publish(ClusterMessageType type, Map<String, Object> data, String oneRoom) {
        return cluster.spublish(channelOf(oneRoom), encode(type, data)).thenApply(v -> "");
    }

    /**
     * Node's computeChannel: a broadcast without acks to one room goes to that room's channel when it has one
     * (never a socket id's in {@code dynamic}: 20 characters); everything else to the namespace's.
     */
    private String channelOf(String oneRoom) {
        boolean own = oneRoom != null && (mode == SubscriptionMode.DYNAMIC_PRIVATE
                || (mode == SubscriptionMode.DYNAMIC && oneRoom.length() != SOCKET_ID_LENGTH));
        return own ? dynamicChannel(oneRoom) : channel;
    }

    @Override
    void respond(String requesterUid, ClusterMessageType type, Map<String, Object> data) {
        cluster.spublish(channel + requesterUid + "#", encode(type, data));
    }

    /** JSON, or MessagePack when the data holds binary, as Node sends them. */
    private byte[] encode(ClusterMessageType type, Map<String, Object> data) {
        Map<String, Object> message = message(type, data);
        return type.mayContainBinary() && ClusterWire.hasBinary(data) ? Notepack.encode(message) : Bodies.json(message);
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return cluster.shardNumsub(channel);
    }

    /** On a Lettuce I/O thread: a message on one of our channels, handed to the worker in order. */
    void onShardMessage(String fromChannel, byte[] message) {
        inbound.execute(() -> {
            try {
                Map<String, Object> m = Bodies.parse(message);
                if (fromChannel.equals(responseChannel)) {
                    onResponse(m);
                } else {
                    onMessage(m, null);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "redis adapter: ignored a malformed message on {0}: {1}",
                        fromChannel, e.getMessage());
            }
        });
    }

    @Override
    void unsubscribe() {
        List<String> channels = new ArrayList<>(List.of(channel, responseChannel));
        dynamicRooms.forEach(room -> channels.add(dynamicChannel(room)));
        dynamicRooms.clear();
        cluster.sunsubscribe(channels.toArray(String[]::new));
    }
}
