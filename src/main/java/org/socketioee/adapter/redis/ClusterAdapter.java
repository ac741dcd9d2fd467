package org.socketioee.adapter.redis;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.AdapterSocket.SocketDetails;
import org.socketioee.adapter.BroadcastOptions;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.adapter.PersistedSession;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.parser.SocketPacket;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * socket.io-adapter 2.5's {@code ClusterAdapter} ({@code lib/cluster-adapter.ts}): the messages every node of a
 * cluster sends and answers ({@link ClusterMessageType}: broadcasts with or without acks, socketsJoin/Leave,
 * disconnectSockets, fetchSockets, serverSideEmit with or without acks, as {@code {type, data, uid, nsp}}), and what
 * a node does on each, whatever carries them. Its subclasses are the transports, such as
 * {@link ShardedRedisAdapter} (sharded Pub/Sub).
 * <p>
 * The ClusterAdapter has no allRooms request; {@link #allRooms()} gathers the rooms of every socket with a
 * fetchSockets request instead, which Node's nodes answer too. Membership and delivery on this node are the
 * in-memory adapter's; messages are handled in order, on the cluster's worker threads.
 */
abstract class ClusterAdapter extends NodeMembership {
    static final System.Logger LOG = System.getLogger(ClusterAdapter.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    final AdapterNamespace nsp;
    final RedisCluster cluster;
    final Executor inbound;
    final Duration requestsTimeout;
    final String uid = randomId();
    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    /** This node's side of its own broadcast with acks: where the other nodes' counts and answers go. */
    private record AckRequest(IntConsumer clientCount, Consumer<Object> ack) {
    }

    /** @param localRecovery connection state recovery kept by this node's in-memory adapter (null: none) */
    ClusterAdapter(AdapterNamespace nsp, RedisCluster cluster, RecoveryOptions localRecovery) {
        super(nsp, localRecovery);
        this.nsp = nsp;
        this.cluster = cluster;
        this.inbound = cluster.serialExecutor();
        this.requestsTimeout = cluster.options().requestsTimeout();
    }

    // ---- the transport ---------------------------------------------------------------------------------------

    /**
     * Sends a message to every node (this one gets it back and skips it by its uid); completes with its offset in
     * the cluster's log, or "" when the transport has none. {@code oneRoom}: the room of a broadcast without acks
     * to exactly one room (a transport may route it by room), else null.
     */
    abstract CompletableFuture<String> publish(ClusterMessageType type, Map<String, Object> data, String oneRoom);

    /** Sends a response to the node {@code requesterUid} only. */
    abstract void respond(String requesterUid, ClusterMessageType type, Map<String, Object> data);

    /** Stops receiving this namespace's messages. */
    abstract void unsubscribe();

    /** {@code {type, data, uid, nsp}} in Node's key order. */
    final Map<String, Object> message(ClusterMessageType type, Map<String, Object> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type.wire());
        message.put("data", data);
        message.put("uid", uid);
        message.put("nsp", nsp.name());
        return message;
    }

    // ---- what this node sends ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> broadcast(SocketPacket packet, BroadcastOptions opts) {
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        if (!opts.local()) {
            sent = publish(ClusterMessageType.BROADCAST,
                    ClusterWire.body("packet", ClusterPacket.toTree(packet), "opts", ClusterWire.rawOpts(opts)),
                    opts.rooms().size() == 1 ? opts.rooms().iterator().next() : null).thenApply(offset -> null);
        }
        local.broadcast(packet, opts);
        return sent;
    }

    @Override
    public CompletableFuture<Void> broadcastWithAck(SocketPacket packet, BroadcastOptions opts,
                                                    IntConsumer clientCount, Consumer<Object> ack) {
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        if (!opts.local()) {
            String requestId = randomId();
            ackRequests.put(requestId, new AckRequest(clientCount, ack));
            // Node forgets the request at the broadcast's timeout; without one, at the requests timeout
            cluster.schedule(() -> ackRequests.remove(requestId),
                    opts.timeout() != null ? opts.timeout() : requestsTimeout);
            // never routed by room (oneRoom null): the client counts must come from every node
            sent = publish(ClusterMessageType.BROADCAST, ClusterWire.body("packet", ClusterPacket.toTree(packet),
                    "requestId", requestId, "opts", ClusterWire.rawOpts(opts)), null).thenApply(offset -> null);
        }
        local.broadcastWithAck(packet, opts, clientCount, ack);
        return sent;
    }

    @Override
    public CompletableFuture<Void> addSockets(BroadcastOptions opts, Set<String> rooms) {
        local.addSockets(opts, rooms);
        return opts.local() ? CompletableFuture.completedFuture(null) : publish(ClusterMessageType.SOCKETS_JOIN,
                ClusterWire.body("opts", ClusterWire.rawOpts(opts), "rooms", List.copyOf(rooms)), null)
                .thenApply(offset -> null);
    }

    @Override
    public CompletableFuture<Void> delSockets(BroadcastOptions opts, Set<String> rooms) {
        local.delSockets(opts, rooms);
        return opts.local() ? CompletableFuture.completedFuture(null) : publish(ClusterMessageType.SOCKETS_LEAVE,
                ClusterWire.body("opts", ClusterWire.rawOpts(opts), "rooms", List.copyOf(rooms)), null)
                .thenApply(offset -> null);
    }

    @Override
    public CompletableFuture<Void> disconnectSockets(BroadcastOptions opts, boolean close) {
        local.disconnectSockets(opts, close);
        return opts.local() ? CompletableFuture.completedFuture(null) : publish(ClusterMessageType.DISCONNECT_SOCKETS,
                ClusterWire.body("opts", ClusterWire.rawOpts(opts), "close", close), null).thenApply(offset -> null);
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> mine = local.fetchSockets(opts).join(); // the in-memory adapter answers at once
        if (opts.local()) {
            return CompletableFuture.completedFuture(mine);
        }
        return ask(RequestType.REMOTE_FETCH, ClusterMessageType.FETCH_SOCKETS, mine,
                requestId -> ClusterWire.body("opts", ClusterWire.rawOpts(opts), "requestId", requestId),
                opts.timeout() != null ? opts.timeout() : requestsTimeout)
                .thenApply(items -> items.stream().map(i -> (SocketDetails) i).toList());
    }

    /** Every room of every socket of the cluster, from a fetchSockets request (the protocol has no allRooms). */
    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return fetchSockets(new BroadcastOptions(Set.of(), Set.of(), false, false, true, null)).thenApply(sockets -> {
            Set<String> rooms = new LinkedHashSet<>(local.rooms());
            sockets.forEach(s -> rooms.addAll(s.rooms()));
            return rooms;
        });
    }

    @Override
    public CompletableFuture<List<Object>> serverSideEmit(SocketPacket packet, boolean withAck) {
        Object data = packet.dataAsJava();
        if (!withAck) {
            return publish(ClusterMessageType.SERVER_SIDE_EMIT, ClusterWire.body("packet", data), null)
                    .thenApply(v -> List.of());
        }
        return ask(RequestType.SERVER_SIDE_EMIT, ClusterMessageType.SERVER_SIDE_EMIT, List.of(),
                requestId -> ClusterWire.body("requestId", requestId, "packet", data), requestsTimeout);
    }

    /**
     * Publishes a request and collects one answer per other node (the ClusterAdapter's count: SHARDNUMSUB
     * minus this node); this node's own part is in the result from the start.
     */
    private CompletableFuture<List<Object>> ask(RequestType kind, ClusterMessageType type, List<?> mine,
                                                java.util.function.Function<String, Map<String, Object>> data,
                                                Duration timeout) {
        return serverCount().thenCompose(servers -> {
            int expected = servers - 1;
            if (expected <= 0) {
                return CompletableFuture.completedFuture(List.copyOf(mine));
            }
            String requestId = randomId();
            PendingRequest pending = new PendingRequest(kind, expected, 0, mine, true);
            requests.put(requestId, pending);
            pending.timer(cluster.schedule(() -> inbound.execute(() -> {
                if (requests.remove(requestId) != null) {
                    pending.timeout();
                }
            }), timeout));
            publish(type, data.apply(requestId), null).whenComplete((v, e) -> {
                if (e != null && requests.remove(requestId) != null) {
                    pending.result().completeExceptionally(e.getCause() != null ? e.getCause() : e);
                }
            });
            return pending.result();
        });
    }

    // ---- what arrives ----------------------------------------------------------------------------------------

    /**
     * A message from another node (or this one's, skipped); {@code offset}: its place in the cluster's log (the
     * stream transport's), or null.
     */
    void onMessage(Map<String, Object> message, String offset) {
        if (uid.equals(message.get("uid")) || !nsp.name().equals(message.get("nsp"))) {
            return; // our own (already done here), or another namespace's
        }
        ClusterMessageType type = ClusterMessageType.of(message.get("type"));
        Map<?, ?> data = message.get("data") instanceof Map<?, ?> d ? d : Map.of();
        Object sender = message.get("uid");
        if (type == null) {
            return;
        }
        switch (type) {
            case BROADCAST -> {
                Object requestId = data.get("requestId");
                if (requestId == null) {
                    received(ClusterPacket.fromTree(data.get("packet"), nsp.name(), null),
                            ClusterWire.options(data.get("opts"), true), offset);
                    return;
                }
                long ackId = nsp.nextAckId();
                local.broadcastWithAck(ClusterPacket.fromTree(data.get("packet"), nsp.name(), ackId),
                        ClusterWire.options(data.get("opts"), true),
                        count -> respond(String.valueOf(sender), ClusterMessageType.BROADCAST_CLIENT_COUNT,
                                ClusterWire.body("requestId", requestId, "clientCount", count)),
                        answer -> respond(String.valueOf(sender), ClusterMessageType.BROADCAST_ACK,
                                ClusterWire.body("requestId", requestId, "packet", answer)));
                // the sender stops waiting at its timeout: our sockets stop then too (Node's keep waiting)
                if (data.get("opts") instanceof Map<?, ?> o && o.get("flags") instanceof Map<?, ?> f
                        && f.get("timeout") instanceof Number ms) {
                    cluster.schedule(() -> nsp.forgetAck(ackId), Duration.ofMillis(ms.longValue()));
                }
            }
            case SOCKETS_JOIN -> local.addSockets(ClusterWire.options(data.get("opts"), false),
                    ClusterWire.strings(data.get("rooms")));
            case SOCKETS_LEAVE -> local.delSockets(ClusterWire.options(data.get("opts"), false),
                    ClusterWire.strings(data.get("rooms")));
            case DISCONNECT_SOCKETS -> local.disconnectSockets(ClusterWire.options(data.get("opts"), false),
                    Boolean.TRUE.equals(data.get("close")));
            case FETCH_SOCKETS -> {
                List<Object> sockets = new ArrayList<>();
                for (SocketDetails d : local.fetchSockets(ClusterWire.options(data.get("opts"), false)).join()) {
                    sockets.add(ClusterWire.body("id", d.id(), "handshake", ClusterWire.nodeHandshake(d.handshake()),
                            "rooms", List.copyOf(d.rooms()), "data", d.data()));
                }
                respond(String.valueOf(sender), ClusterMessageType.FETCH_SOCKETS_RESPONSE,
                        ClusterWire.body("requestId", data.get("requestId"), "sockets", sockets));
            }
            case SERVER_SIDE_EMIT -> {
                SocketPacket packet = ClusterPacket.event(nsp.name(), data.get("packet"), null);
                Object requestId = data.get("requestId");
                if (requestId == null) {
                    nsp.onRemoteServerSideEmit(packet, null);
                    return;
                }
                nsp.onRemoteServerSideEmit(packet, answer -> respond(String.valueOf(sender),
                        ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, ClusterWire.body("requestId", requestId,
                                "packet", answer)));
            }
            // a node may send its responses on the namespace's channel too: Node's onMessage takes them there
            case BROADCAST_CLIENT_COUNT, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE ->
                    onResponse(message);
            default -> {
                // heartbeats and ADAPTER_CLOSE: the sharded adapter counts nodes by SHARDNUMSUB
            }
        }
    }

    /** Another node's broadcast without acks, delivered here ({@code offset}: the transport's, or null). */
    void received(SocketPacket packet, BroadcastOptions opts, String offset) {
        local.broadcast(packet, opts);
    }

    void onResponse(Map<String, Object> response) {
        ClusterMessageType type = ClusterMessageType.of(response.get("type"));
        if (type == null || !(response.get("data") instanceof Map<?, ?> data)) {
            return;
        }
        Object requestId = data.get("requestId");
        switch (type) {
            case BROADCAST_CLIENT_COUNT -> {
                AckRequest a = ackRequests.get(requestId);
                if (a != null && data.get("clientCount") instanceof Number n) {
                    a.clientCount().accept(n.intValue());
                }
            }
            case BROADCAST_ACK -> {
                AckRequest a = ackRequests.get(requestId);
                if (a != null) {
                    a.ack().accept(data.get("packet"));
                }
            }
            case FETCH_SOCKETS_RESPONSE -> {
                PendingRequest pending = requests.get(requestId);
                if (pending != null && data.get("sockets") instanceof List<?> sockets) {
                    List<Object> values = new ArrayList<>();
                    sockets.forEach(s -> values.add(ClusterWire.details(s)));
                    if (pending.answer(values)) {
                        requests.remove(requestId);
                    }
                }
            }
            case SERVER_SIDE_EMIT_RESPONSE -> {
                PendingRequest pending = requests.get(requestId);
                if (pending != null) {
                    List<Object> values = new ArrayList<>(1);
                    values.add(data.get("packet")); // may be null
                    if (pending.answer(values)) {
                        requests.remove(requestId);
                    }
                }
            }
            default -> {
                // not a response
            }
        }
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        unsubscribe();
        // whoever waits for the other nodes learns it now, not never (the timers stop with the cluster)
        requests.values().forEach(r -> r.result().completeExceptionally(
                new IllegalStateException("redis adapter: namespace " + nsp.name() + " closed")));
        requests.clear();
        ackRequests.clear();
        local.close();
    }

    /** The ClusterAdapter's randomId(): 8 random bytes in hex, the node's uid and request ids. */
    static String randomId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
