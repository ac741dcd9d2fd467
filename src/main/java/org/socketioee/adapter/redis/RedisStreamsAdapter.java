package org.socketioee.adapter.redis;

import io.lettuce.core.StreamMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.AdapterSocket;
import org.socketioee.adapter.BroadcastOptions;
import org.socketioee.adapter.PersistedSession;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.parser.SocketPacket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;

/**
 * The adapter of one namespace in a Redis cluster speaking {@code @socket.io/redis-streams-adapter} 0.3.1
 * ({@code lib/adapter.ts}): the {@link ClusterAdapter} messages that must reach every node (broadcasts without
 * acks, socketsJoin/Leave, disconnectSockets) are entries of the Redis stream named by the prefix ({@code XADD
 * MAXLEN ~ 10000}, fields {@code uid, nsp, type, data}: data as JSON, or base64 MessagePack when it holds
 * binary), read by every node with XREAD; the others (broadcasts with acks, serverSideEmit, fetchSockets) and the
 * answers are MessagePack on the channels {@code <prefix>#<nsp>#} and {@code <prefix>#<nsp>#<uid>#}; the node
 * count is PUBSUB NUMSUB of the first.
 * <p>
 * Connection state recovery across nodes: a broadcast's offset is its entry id in the stream, the same on every
 * node; a socket that loses its connection leaves its session ({@code sid, pid, rooms, data}, base64 MessagePack)
 * in Redis at {@code sio:session:<pid>} for the recovery window; the node the client reconnects to, any of them,
 * takes the session (GETDEL) and reads what the client missed from the stream after its offset.
 * <p>
 * Better than Node's, whose sessions are saved only when a node sees a connection drop (a node killed saves none):
 * here each connected socket's session is also kept in Redis while it is connected ({@link #snapshot}): written
 * within a second of a change of its rooms, and all of them again every {@code min(window / 2, 10 s)} (data
 * changes, and the expiry), so the clients of a node that dies recover on the others with their rooms and the data
 * of the last write. A socket that leaves for good (not a recoverable disconnection) has its session deleted,
 * unless another node wrote it since. As such a session exists while its socket is connected, a restore moves it:
 * the restoring node ends the connection that held it, wherever it is (a disconnectSockets for that id).
 */
final class RedisStreamsAdapter extends ClusterAdapter {
    static final String SESSION_PREFIX = "sio:session:";
    private static final long MAX_LEN = 10_000;
    private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");

    private final RecoveryOptions recovery;
    private final String stream;
    private final String publicChannel;
    private final String privateChannel;
    /** This node's own recoverable broadcasts, delivered here in order once the stream gave their offsets. */
    private CompletableFuture<Void> deliveries = CompletableFuture.completedFuture(null);
    /** Recovery on: this node's connected sockets whose session it keeps in Redis, and what it wrote last. */
    private final Map<String, Kept> live = new HashMap<>(); // guarded by this

    private record Kept(String pid, byte[] value) {
    }
    /** Sockets whose rooms changed since their last snapshot; guarded by this. */
    private final Set<String> dirty = new HashSet<>();
    /** Sockets whose recoverable disconnection wrote their session, until they are gone; guarded by this. */
    private final Set<String> persisted = new HashSet<>();
    private long lastFullSnapshot;
    private final ScheduledFuture<?> snapshots;

    RedisStreamsAdapter(AdapterNamespace nsp, RedisCluster cluster, RecoveryOptions recovery) {
        super(nsp, cluster, null); // recovery is the cluster's here, not the in-memory adapter's
        this.recovery = recovery;
        this.stream = cluster.options().prefix();
        this.publicChannel = cluster.options().prefix() + "#" + nsp.name() + "#";
        this.privateChannel = publicChannel + uid + "#";
        cluster.subscribe(this, publicChannel, privateChannel);
        cluster.follow(stream, nsp.name(), this);
        snapshots = recovery == null ? null
                : cluster.scheduleEvery(() -> inbound.execute(this::snapshot), java.time.Duration.ofSeconds(1));
    }

    // ---- the transport ---------------------------------------------------------------------------------------

    /** Node's isEphemeral: what no recovery needs goes by Pub/Sub, the rest into the stream. */
    private static boolean ephemeral(ClusterMessageType type, Map<String, Object> data) {
        return (type == ClusterMessageType.BROADCAST && data.get("requestId") != null)
                || type == ClusterMessageType.SERVER_SIDE_EMIT || type == ClusterMessageType.FETCH_SOCKETS;
    }

    @Override
    CompletableFuture<String> publish(ClusterMessageType type, Map<String, Object> data, String oneRoom) {
        if (ephemeral(type, data)) {
            return cluster.publish(publicChannel, Notepack.encode(message(type, data))).thenApply(v -> "");
        }
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("uid", utf8(uid));
        fields.put("nsp", utf8(nsp.name()));
        fields.put("type", utf8(Integer.toString(type.wire())));
        fields.put("data", type.mayContainBinary() && ClusterWire.hasBinary(data)
                ? utf8(Base64.getEncoder().encodeToString(Notepack.encode(data))) : Bodies.json(data));
        return cluster.xadd(stream, fields, MAX_LEN);
    }

    @Override
    void respond(String requesterUid, ClusterMessageType type, Map<String, Object> data) {
        cluster.publish(publicChannel + requesterUid + "#", Notepack.encode(message(type, data)));
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return cluster.numsub(publicChannel);
    }

    /** On a Lettuce I/O thread: an ephemeral message or an answer, handed to the worker in order. */
    void onChannelMessage(String channel, byte[] message) {
        inbound.execute(() -> {
            try {
                if (!(Notepack.decode(message) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("a message must be a map");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                onMessage(map, null);
            } catch (RuntimeException e) {
                malformed(channel, e);
            }
        });
    }

    /** On the stream reader's thread: an entry of this namespace, handled on the worker in order. */
    void onStreamEntry(String id, Map<String, byte[]> fields) {
        inbound.execute(() -> {
            try {
                onMessage(decode(fields), id);
            } catch (RuntimeException e) {
                malformed(stream + " " + id, e);
            }
        });
    }

    /** An entry's fields as a message: {@code type} a number again, {@code data} from JSON or base64 MessagePack. */
    private static Map<String, Object> decode(Map<String, byte[]> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("uid", string(fields.get("uid")));
        message.put("nsp", string(fields.get("nsp")));
        message.put("type", Integer.parseInt(string(fields.get("type"))));
        byte[] data = fields.get("data");
        if (data != null && data.length > 0) {
            message.put("data", data[0] == '{' ? Bodies.parse(data)
                    : Notepack.decode(Base64.getDecoder().decode(data)));
        }
        return message;
    }

    private void malformed(String where, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "redis adapter: ignored a malformed message on {0}: {1}", where,
                e.getMessage());
    }

    @Override
    void unsubscribe() {
        if (snapshots != null) {
            snapshots.cancel(false);
        }
        cluster.unsubscribe(this, publicChannel, privateChannel);
        cluster.unfollow(stream, nsp.name());
    }

    // ---- offsets: the stream's entry ids ---------------------------------------------------------------------

    /** An event without ack that is not volatile: what recovery replays, hence what carries an offset. */
    private boolean recoverable(SocketPacket packet, BroadcastOptions opts) {
        return recovery != null && packet.isEvent() && !packet.hasAckId() && !opts.volatileFlag();
    }

    /** The offset last in the event's data, where the clients read it (as Node's addOffsetIfNecessary). */
    private static SocketPacket withOffset(SocketPacket packet, String offset) {
        JsonArray data = Json.createArrayBuilder((JsonArray) packet.data()).add(offset).build();
        return new SocketPacket(packet.type(), packet.namespace(), null, data, packet.attachments());
    }

    @Override
    public CompletableFuture<Void> broadcast(SocketPacket packet, BroadcastOptions opts) {
        if (opts.local() || !recoverable(packet, opts)) {
            return super.broadcast(packet, opts);
        }
        CompletableFuture<String> sent = publish(ClusterMessageType.BROADCAST,
                ClusterWire.body("packet", ClusterPacket.toTree(packet), "opts", ClusterWire.rawOpts(opts)), null);
        synchronized (this) {
            // delivered here with the offset the stream gave, after this node's earlier broadcasts; without Redis,
            // delivered all the same, without an offset (as Node)
            deliveries = deliveries.thenCompose(v -> sent.handle((offset, e) -> {
                local.broadcast(e == null ? withOffset(packet, offset) : packet, opts);
                return null;
            }));
            return deliveries.thenCompose(v -> sent.thenApply(offset -> null));
        }
    }

    @Override
    void received(SocketPacket packet, BroadcastOptions opts, String offset) {
        local.broadcast(offset != null && recoverable(packet, opts) ? withOffset(packet, offset) : packet, opts);
    }

    // ---- sessions ----------------------------------------------------------------------------------------------

    @Override
    public void addAll(String socketId, Set<String> rooms) {
        super.addAll(socketId, rooms);
        changed(socketId);
    }

    @Override
    public void del(String socketId, String room) {
        super.del(socketId, room);
        changed(socketId);
    }

    private void changed(String socketId) {
        if (recovery != null) {
            synchronized (this) {
                dirty.add(socketId);
            }
        }
    }

    /**
     * The sessions of this node's connected sockets, written to Redis as a disconnection would: those whose rooms
     * changed, or all of them when the last full round is {@code min(window / 2, 10 s)} old.
     */
    synchronized void snapshot() {
        long now = System.nanoTime();
        long every = Math.min(recovery.maxDisconnectionDuration().toNanos() / 2, 10_000_000_000L);
        boolean all = now - lastFullSnapshot >= every;
        Set<String> ids = all ? local.sockets(Set.of()) : Set.copyOf(dirty);
        if (all) {
            lastFullSnapshot = now;
        }
        dirty.clear();
        for (String id : ids) {
            AdapterSocket s = nsp.socket(id);
            String pid = s == null ? null : s.pid();
            // connected: holds its own room (a closing socket loses it first); its disconnection not persisted yet
            if (pid == null || persisted.contains(id) || !local.socketRooms(id).contains(id)) {
                continue;
            }
            AdapterSocket.SocketDetails d = s.details();
            live.put(id, new Kept(pid, write(new PersistedSession(id, pid, d.rooms(), d.data(), List.of()))));
        }
    }

    @Override
    public void persistSession(PersistedSession session) {
        if (recovery == null) {
            return;
        }
        synchronized (this) {
            persisted.add(session.sid()); // kept as it is now: no snapshot writes over it, and no delete
            live.remove(session.sid());
            dirty.remove(session.sid());
            write(session);
        }
    }

    @Override
    public void delAll(String socketId) {
        super.delAll(socketId);
        if (recovery == null) {
            return;
        }
        synchronized (this) {
            dirty.remove(socketId);
            boolean persistedOnClose = persisted.remove(socketId);
            Kept k = live.remove(socketId);
            if (!persistedOnClose && k != null) {
                // gone for good: its snapshot must not be restored (unless another node wrote it since: restored)
                cluster.deleteIfEquals(SESSION_PREFIX + k.pid(), k.value());
            }
        }
    }

    /**
     * SET {@code sio:session:<pid>} PX window, as Node's persistSession writes it; in call order (outbound). The
     * value written.
     */
    private byte[] write(PersistedSession session) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sid", session.sid());
        s.put("pid", session.pid());
        s.put("rooms", List.copyOf(session.rooms()));
        s.put("data", session.data());
        byte[] value = utf8(Base64.getEncoder().encodeToString(Notepack.encode(s)));
        cluster.setPx(SESSION_PREFIX + session.pid(), value, recovery.maxDisconnectionDuration()).exceptionally(e -> {
            LOG.log(System.Logger.Level.WARNING, "redis adapter: the session of {0} could not be kept: {1}",
                    session.sid(), e.getMessage());
            return null;
        });
        return value;
    }

    @Override
    public CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        if (recovery == null || pid == null || offset == null || !OFFSET.matcher(offset).matches()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<byte[]> taken = cluster.getdel(SESSION_PREFIX + pid); // once only, on any node
        CompletableFuture<List<StreamMessage<String, byte[]>>> at = cluster.xrange(stream, offset, offset);
        return taken.thenCombine(at, (raw, found) -> raw == null || found.isEmpty() ? null : raw)
                .thenCompose(raw -> raw == null ? CompletableFuture.<PersistedSession>completedFuture(null)
                        : cluster.xrange(stream, nextOffset(offset), "+").thenApply(entries -> session(raw, entries)))
                .thenApply(session -> {
                    if (session != null) {
                        // the session may have been a live one's snapshot (its client came back before its node
                        // saw it go): that connection, wherever it is, ends now
                        publish(ClusterMessageType.DISCONNECT_SOCKETS, ClusterWire.body("opts", ClusterWire.rawOpts(
                                new BroadcastOptions(Set.of(session.sid()), Set.of(), false, false, true, null)),
                                "close", true), null);
                    }
                    return session;
                })
                .handleAsync((session, e) -> { // the server connects the socket there: a worker, never Lettuce's I/O
                    if (e != null) {
                        LOG.log(System.Logger.Level.WARNING, "redis adapter: no recovery for a client of {0}: {1}",
                                nsp.name(), e.getMessage());
                        return null;
                    }
                    return session;
                }, inbound);
    }

    /** The session as it was left, with the broadcasts it missed from the stream, offsets last. */
    private PersistedSession session(byte[] raw, List<StreamMessage<String, byte[]>> entries) {
        if (!(Notepack.decode(Base64.getDecoder().decode(raw)) instanceof Map<?, ?> s)) {
            return null;
        }
        Set<String> rooms = ClusterWire.strings(s.get("rooms"));
        List<SocketPacket> missed = new ArrayList<>();
        for (StreamMessage<String, byte[]> entry : entries) {
            Map<String, byte[]> body = entry.getBody();
            if (!nsp.name().equals(string(body.get("nsp"))) || !"3".equals(string(body.get("type")))) {
                continue;
            }
            Map<String, Object> message = decode(body);
            if (message.get("data") instanceof Map<?, ?> data && data.get("requestId") == null) {
                BroadcastOptions opts = ClusterWire.options(data.get("opts"), true);
                if (!opts.volatileFlag() && included(rooms, opts)) {
                    missed.add(withOffset(ClusterPacket.fromTree(data.get("packet"), nsp.name(), null), entry.getId()));
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = s.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        return new PersistedSession(String.valueOf(s.get("sid")), String.valueOf(s.get("pid")),
                new LinkedHashSet<>(rooms), data, missed);
    }

    /** Node's shouldIncludePacket: to every room or one of the session's, and to none of them excluded. */
    private static boolean included(Set<String> rooms, BroadcastOptions opts) {
        boolean to = opts.rooms().isEmpty() || rooms.stream().anyMatch(opts.rooms()::contains);
        return to && rooms.stream().noneMatch(opts.except()::contains);
    }

    /** The id after {@code offset} (exclusive ranges need Redis 6.2: Node counts on from the sequence). */
    private static String nextOffset(String offset) {
        int dash = offset.indexOf('-');
        return offset.substring(0, dash) + "-" + (Long.parseLong(offset.substring(dash + 1)) + 1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
