package org.socketioee.adapter.redis;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.AdapterSocket;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of one namespace in a Redis cluster, speaking {@code @socket.io/redis-adapter} 8.3.0's classic
 * protocol (its {@code lib/index.ts} is the spec), so Java and Node.js nodes and the Node emitter share a cluster:
 * <ul>
 * <li>a broadcast goes to {@code <prefix>#<nsp>#} (or {@code <prefix>#<nsp>#<room>#} for exactly one room) as
 * MessagePack {@code [uid, packet, {rooms, except, flags}]}, encoded once, and to this node's sockets;</li>
 * <li>requests (fetchSockets, socketsJoin/Leave, disconnectSockets, serverSideEmit, allRooms, broadcasts with
 * acks) go to {@code <prefix>-request#<nsp>#}, answers come back on {@code <prefix>-response#<nsp>#};</li>
 * <li>the number of nodes is the number of subscribers of the request channel (PUBSUB NUMSUB).</li>
 * </ul>
 * Membership and delivery on this node are the in-memory adapter's. Messages from Redis are handled in order, on
 * the cluster's worker threads, never on Lettuce's I/O threads.
 */
final class RedisAdapter extends NodeMembership {
    private static final System.Logger LOG = System.getLogger(RedisAdapter.class.getName());
    private static final String UID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdapterNamespace nsp;
    private final RedisCluster cluster;
    private final Executor inbound;
    private final Duration requestsTimeout;
    private final String uid = randomId();
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    /** This node's side of another node's broadcast with acks: where its sockets' counts and answers go. */
    private record AckRequest(IntConsumer clientCount, Consumer<Object> ack) {
    }

    RedisAdapter(AdapterNamespace nsp, RedisCluster cluster, RecoveryOptions recovery) {
        super(nsp, recovery); // recovery, when on, on this node only
        this.nsp = nsp;
        this.cluster = cluster;
        this.inbound = cluster.serialExecutor();
        this.requestsTimeout = cluster.options().requestsTimeout();
        String prefix = cluster.options().prefix();
        this.channel = prefix + "#" + nsp.name() + "#";
        this.requestChannel = prefix + "-request#" + nsp.name() + "#";
        this.responseChannel = prefix + "-response#" + nsp.name() + "#";
        this.specificResponseChannel = responseChannel + uid + "#";
        cluster.subscribe(this, channel + "*", requestChannel, responseChannel, specificResponseChannel);
    }

    // ---- broadcasts ----------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> broadcast(SocketPacket packet, BroadcastOptions opts) {
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        if (!opts.local()) {
            byte[] msg = Notepack.encode(List.of(uid, ClusterPacket.toTree(packet), ClusterWire.rawOpts(opts)));
            String target = opts.rooms().size() == 1 ? channel + opts.rooms().iterator().next() + "#" : channel;
            sent = cluster.publish(target, msg);
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
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("uid", uid);
            request.put("requestId", requestId);
            request.put("type", RequestType.BROADCAST.wire());
            request.put("packet", ClusterPacket.toTree(packet)); // without our ack id: each node uses its own
            request.put("opts", ClusterWire.rawOpts(opts));
            ackRequests.put(requestId, new AckRequest(clientCount, ack));
            // as Node, answers are taken until the broadcast's timeout; without one, for the requests timeout
            cluster.schedule(() -> ackRequests.remove(requestId),
                    opts.timeout() != null ? opts.timeout() : requestsTimeout);
            sent = cluster.publish(requestChannel, Notepack.encode(request));
        }
        local.broadcastWithAck(packet, opts, clientCount, ack);
        return sent;
    }

    /** On a Lettuce I/O thread: a broadcast from another node (or the emitter), handed to the worker in order. */
    void onBroadcastMessage(String fromChannel, byte[] message) {
        inbound.execute(() -> {
            try {
                handleBroadcast(fromChannel, message);
            } catch (RuntimeException e) {
                warnMalformed("broadcast", fromChannel, e);
            }
        });
    }

    private void handleBroadcast(String fromChannel, byte[] message) {
        if (!fromChannel.startsWith(channel) || !fromChannel.endsWith("#")) {
            return;
        }
        String room = fromChannel.substring(channel.length(), Math.max(channel.length(), fromChannel.length() - 1));
        if (!room.isEmpty() && !local.hasRoom(room)) {
            return; // a broadcast to one room none of our sockets is in
        }
        if (!(Notepack.decode(message) instanceof List<?> parts) || parts.size() < 3) {
            throw new IllegalArgumentException("expected [uid, packet, opts]");
        }
        if (uid.equals(parts.get(0))) {
            return; // our own, already delivered here
        }
        Object nspName = parts.get(1) instanceof Map<?, ?> p ? p.get("nsp") : null;
        if (!nsp.name().equals(nspName == null ? "/" : nspName)) {
            return;
        }
        local.broadcast(ClusterPacket.fromTree(parts.get(1), nsp.name(), null), ClusterWire.options(parts.get(2), true));
    }

    // ---- requests to the other nodes -----------------------------------------------------------------------

    @Override
    public CompletableFuture<Integer> serverCount() {
        return cluster.numsub(requestChannel);
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> mine = local.fetchSockets(opts).join(); // the in-memory adapter answers at once
        if (opts.local()) {
            return CompletableFuture.completedFuture(mine);
        }
        return ask(RequestType.REMOTE_FETCH, mine, body -> body.put("opts", requestOpts(opts)))
                .thenApply(items -> items.stream().map(i -> (SocketDetails) i).toList());
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return ask(RequestType.ALL_ROOMS, List.copyOf(local.rooms()), body -> { })
                .thenApply(items -> {
                    Set<String> out = new LinkedHashSet<>();
                    items.forEach(i -> out.add((String) i));
                    return out;
                });
    }

    /**
     * Publishes a request and collects one answer per other node, as the Node adapter: its own part counts as
     * the first answer of {@code serverCount}, except for serverSideEmit, which waits for the others only.
     */
    private CompletableFuture<List<Object>> ask(RequestType type, List<?> mine,
                                                Consumer<Map<String, Object>> fill) {
        boolean selfCounts = type != RequestType.SERVER_SIDE_EMIT;
        return serverCount().thenCompose(servers -> {
            int expected = selfCounts ? servers : servers - 1;
            if (expected <= (selfCounts ? 1 : 0)) {
                return CompletableFuture.completedFuture(List.copyOf(mine));
            }
            String requestId = randomId();
            PendingRequest pending = new PendingRequest(type, expected, selfCounts ? 1 : 0, mine);
            requests.put(requestId, pending);
            pending.timer(cluster.schedule(() -> inbound.execute(() -> {
                if (requests.remove(requestId) != null) {
                    pending.timeout();
                }
            }), requestsTimeout));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uid", uid);
            body.put("requestId", requestId);
            body.put("type", type.wire());
            fill.accept(body);
            cluster.publish(requestChannel, Bodies.json(body)).whenComplete((v, e) -> {
                if (e != null && requests.remove(requestId) != null) {
                    pending.result().completeExceptionally(e.getCause() != null ? e.getCause() : e);
                }
            });
            return pending.result();
        });
    }

    private static Map<String, Object> requestOpts(BroadcastOptions opts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rooms", List.copyOf(opts.rooms()));
        m.put("except", List.copyOf(opts.except()));
        return m;
    }

    @Override
    public CompletableFuture<Void> addSockets(BroadcastOptions opts, Set<String> rooms) {
        local.addSockets(opts, rooms);
        return opts.local() ? CompletableFuture.completedFuture(null)
                : publishRequest(RequestType.REMOTE_JOIN, opts, b -> b.put("rooms", List.copyOf(rooms)));
    }

    @Override
    public CompletableFuture<Void> delSockets(BroadcastOptions opts, Set<String> rooms) {
        local.delSockets(opts, rooms);
        return opts.local() ? CompletableFuture.completedFuture(null)
                : publishRequest(RequestType.REMOTE_LEAVE, opts, b -> b.put("rooms", List.copyOf(rooms)));
    }

    @Override
    public CompletableFuture<Void> disconnectSockets(BroadcastOptions opts, boolean close) {
        local.disconnectSockets(opts, close);
        return opts.local() ? CompletableFuture.completedFuture(null)
                : publishRequest(RequestType.REMOTE_DISCONNECT, opts, b -> b.put("close", close));
    }

    /**
     * A request no one answers (Node's socketsJoin/Leave, disconnectSockets). Done here first, so it works
     * while Redis is away; this node skips its own request when it comes back (Node's nodes do theirs on receipt).
     */
    private CompletableFuture<Void> publishRequest(RequestType type, BroadcastOptions opts,
                                                   Consumer<Map<String, Object>> fill) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uid", uid);
        body.put("type", type.wire());
        body.put("opts", requestOpts(opts));
        fill.accept(body);
        return cluster.publish(requestChannel, Bodies.json(body));
    }

    @Override
    public CompletableFuture<List<Object>> serverSideEmit(SocketPacket packet, boolean withAck) {
        Object data = packet.dataAsJava();
        if (!withAck) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uid", uid);
            body.put("type", RequestType.SERVER_SIDE_EMIT.wire());
            body.put("data", data);
            return cluster.publish(requestChannel, Bodies.json(body)).thenApply(v -> List.of());
        }
        return ask(RequestType.SERVER_SIDE_EMIT, List.of(), body -> body.put("data", data));
    }

    // ---- what arrives on the request and response channels -------------------------------------------------

    /** On a Lettuce I/O thread: a request or a response, handed to the worker in order. */
    void onRequestChannelMessage(String fromChannel, byte[] message) {
        inbound.execute(() -> {
            try {
                if (fromChannel.startsWith(responseChannel)) {
                    handleResponse(Bodies.parse(message));
                } else if (fromChannel.equals(requestChannel)) {
                    handleRequest(Bodies.parse(message));
                }
            } catch (RuntimeException e) {
                warnMalformed("request or response", fromChannel, e);
            }
        });
    }

    private void handleRequest(Map<String, Object> request) {
        RequestType type = RequestType.of(request.get("type"));
        Object requestId = request.get("requestId");
        boolean own = uid.equals(request.get("uid"));
        if (type == null) {
            return;
        }
        switch (type) {
            case SOCKETS -> {
                if (!requests.containsKey(requestId)) {
                    respond(ClusterWire.body("requestId", requestId, "sockets",
                            List.copyOf(local.sockets(ClusterWire.strings(request.get("rooms"))))));
                }
            }
            case ALL_ROOMS -> {
                if (!requests.containsKey(requestId)) {
                    respond(ClusterWire.body("requestId", requestId, "rooms", List.copyOf(local.rooms())));
                }
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> {
                if (request.get("opts") != null) {
                    if (!own) { // ours was done when it was sent
                        BroadcastOptions opts = ClusterWire.options(request.get("opts"), false);
                        switch (type) {
                            case REMOTE_JOIN -> local.addSockets(opts, ClusterWire.strings(request.get("rooms")));
                            case REMOTE_LEAVE -> local.delSockets(opts, ClusterWire.strings(request.get("rooms")));
                            default -> local.disconnectSockets(opts, Boolean.TRUE.equals(request.get("close")));
                        }
                    }
                    return;
                }
                // the older form for one socket by id, answered by the node that has it
                AdapterSocket socket = request.get("sid") instanceof String sid ? nsp.socket(sid) : null;
                if (socket == null) {
                    return;
                }
                String room = String.valueOf(request.get("room"));
                switch (type) {
                    case REMOTE_JOIN -> socket.joinRooms(Set.of(room));
                    case REMOTE_LEAVE -> socket.leaveRooms(Set.of(room));
                    default -> socket.disconnect(Boolean.TRUE.equals(request.get("close")));
                }
                respond(ClusterWire.body("requestId", requestId));
            }
            case REMOTE_FETCH -> {
                if (requests.containsKey(requestId)) {
                    return;
                }
                List<Object> sockets = new ArrayList<>();
                for (SocketDetails d : local.fetchSockets(ClusterWire.options(request.get("opts"), false)).join()) {
                    sockets.add(ClusterWire.body("id", d.id(), "handshake", ClusterWire.nodeHandshake(d.handshake()), "rooms", List.copyOf(d.rooms()),
                            "data", d.data()));
                }
                respond(ClusterWire.body("requestId", requestId, "sockets", sockets));
            }
            case SERVER_SIDE_EMIT -> {
                if (own) {
                    return;
                }
                SocketPacket packet = ClusterPacket.event(nsp.name(), request.get("data"), null);
                if (requestId == null) {
                    nsp.onRemoteServerSideEmit(packet, null);
                    return;
                }
                nsp.onRemoteServerSideEmit(packet, answer -> cluster.publish(responseChannel, Bodies.json(
                        ClusterWire.body("type", RequestType.SERVER_SIDE_EMIT.wire(), "requestId", requestId, "data", answer))));
            }
            case BROADCAST -> {
                if (ackRequests.containsKey(requestId)) {
                    return; // our own
                }
                long ackId = nsp.nextAckId();
                SocketPacket packet = ClusterPacket.fromTree(request.get("packet"), nsp.name(), ackId);
                local.broadcastWithAck(packet, ClusterWire.options(request.get("opts"), true),
                        count -> respond(ClusterWire.body("type", RequestType.BROADCAST_CLIENT_COUNT.wire(),
                                "requestId", requestId, "clientCount", count)),
                        answer -> cluster.publish(responseChannel, Notepack.encode(ClusterWire.body( // may carry binary
                                "type", RequestType.BROADCAST_ACK.wire(), "requestId", requestId, "packet", answer))));
                // the sender stops waiting at its timeout: our sockets stop then too (Node's keep waiting)
                if (request.get("opts") instanceof Map<?, ?> o && o.get("flags") instanceof Map<?, ?> f
                        && f.get("timeout") instanceof Number ms) {
                    cluster.schedule(() -> nsp.forgetAck(ackId), Duration.ofMillis(ms.longValue()));
                }
            }
            default -> {
                // responses arrive on the response channel
            }
        }
    }

    private void respond(Map<String, Object> response) {
        cluster.publish(responseChannel, Bodies.json(response));
    }

    private void handleResponse(Map<String, Object> response) {
        Object requestId = response.get("requestId");
        AckRequest ackRequest = ackRequests.get(requestId);
        if (ackRequest != null) {
            RequestType type = RequestType.of(response.get("type"));
            if (type == RequestType.BROADCAST_CLIENT_COUNT && response.get("clientCount") instanceof Number n) {
                ackRequest.clientCount().accept(n.intValue());
            } else if (type == RequestType.BROADCAST_ACK) {
                ackRequest.ack().accept(response.get("packet"));
            }
            return;
        }
        PendingRequest pending = requests.get(requestId);
        if (pending == null) {
            return; // another node's request
        }
        List<Object> values = new ArrayList<>();
        switch (pending.type()) {
            case REMOTE_FETCH -> {
                if (!(response.get("sockets") instanceof List<?> sockets)) {
                    return;
                }
                sockets.forEach(s -> values.add(ClusterWire.details(s)));
            }
            case ALL_ROOMS -> {
                if (!(response.get("rooms") instanceof List<?> rooms)) {
                    return;
                }
                rooms.forEach(r -> values.add(String.valueOf(r)));
            }
            case SERVER_SIDE_EMIT -> values.add(response.get("data"));
            default -> {
                return;
            }
        }
        if (pending.answer(values)) {
            requests.remove(requestId);
        }
    }

    private void warnMalformed(String what, String fromChannel, RuntimeException e) {
        LOG.log(Level.WARNING, "redis adapter: ignored a malformed {0} on {1}: {2}", what, fromChannel,
                e.getMessage());
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        cluster.unsubscribe(channel + "*", requestChannel, responseChannel, specificResponseChannel);
        // whoever waits for the other nodes learns it now, not never (the timers stop with the cluster)
        requests.values().forEach(r -> r.result().completeExceptionally(
                new IllegalStateException("redis adapter: namespace " + nsp.name() + " closed")));
        requests.clear();
        ackRequests.clear();
        local.close();
    }

    /** Node's uid2(6): the node's id in messages, and request ids. */
    private static String randomId() {
        char[] c = new char[6];
        for (int i = 0; i < c.length; i++) {
            c[i] = UID_CHARS.charAt(RANDOM.nextInt(UID_CHARS.length()));
        }
        return new String(c);
    }
}
