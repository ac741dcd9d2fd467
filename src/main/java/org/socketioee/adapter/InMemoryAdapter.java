package org.socketioee.adapter;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.socketioee.adapter.AdapterSocket.SocketDetails;
import org.socketioee.engine.BroadcastWrites;
import org.socketioee.parser.SocketPacket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The single-node adapter: rooms in memory, fan-out to local sockets, and (when enabled) the event log and
 * disconnected sessions of connection state recovery. Membership is guarded by this object's lock; the frames of
 * a broadcast are written outside it, after the target list is taken.
 */
public class InMemoryAdapter implements Adapter {
    private final AdapterNamespace nsp;
    private final RecoveryOptions recovery;
    // insertion-ordered, as socket.io-adapter's Maps and Sets: a broadcast reaches a room's members in the order they
    // joined (all sockets: in the order they connected), and sockets() / socket.rooms list them in that order
    private final Map<String, Set<String>> rooms = new LinkedHashMap<>(); // room -> socket ids
    private final Map<String, Set<String>> sids = new LinkedHashMap<>();  // socket id -> rooms
    private final RoomEvents events = new RoomEvents();

    private record StoredPacket(String offset, BroadcastOptions opts, SocketPacket packet, long time) {
    }

    private record Disconnected(PersistedSession session, long at) {
    }

    // recovery state, guarded by itself
    private final ArrayDeque<StoredPacket> log = new ArrayDeque<>();
    private final Map<String, Disconnected> sessions = new HashMap<>();
    private final AtomicLong offsets = new AtomicLong(System.currentTimeMillis() * 1000);

    /** @param recovery null when connection state recovery is off */
    public InMemoryAdapter(AdapterNamespace nsp, RecoveryOptions recovery) {
        this.nsp = nsp;
        this.recovery = recovery;
    }

    @Override
    public void addAll(String socketId, Set<String> newRooms) {
        List<RoomEvents.Change> changes = events.observed() ? new ArrayList<>() : null;
        synchronized (this) {
            Set<String> mine = sids.computeIfAbsent(socketId, k -> new LinkedHashSet<>());
            for (String room : newRooms) {
                if (mine.add(room)) {
                    Set<String> members = rooms.get(room);
                    if (members == null) {
                        rooms.put(room, members = new LinkedHashSet<>());
                        record(changes, RoomEvents.Kind.CREATE_ROOM, room, null);
                    }
                    members.add(socketId);
                    record(changes, RoomEvents.Kind.JOIN_ROOM, room, socketId);
                }
            }
        }
        events.fire(changes);
    }

    @Override
    public void del(String socketId, String room) {
        List<RoomEvents.Change> changes = events.observed() ? new ArrayList<>() : null;
        synchronized (this) {
            Set<String> mine = sids.get(socketId);
            if (mine != null) {
                mine.remove(room);
            }
            removeMember(room, socketId, changes);
        }
        events.fire(changes);
    }

    @Override
    public void delAll(String socketId) {
        List<RoomEvents.Change> changes = events.observed() ? new ArrayList<>() : null;
        synchronized (this) {
            Set<String> mine = sids.remove(socketId);
            if (mine == null) {
                return;
            }
            for (String room : mine) {
                removeMember(room, socketId, changes);
            }
        }
        events.fire(changes);
    }

    /** Takes a socket out of a room's members, the room out when it empties (as Node's {@code _del}). */
    private void removeMember(String room, String socketId, List<RoomEvents.Change> changes) {
        Set<String> members = rooms.get(room);
        if (members != null && members.remove(socketId)) {
            record(changes, RoomEvents.Kind.LEAVE_ROOM, room, socketId);
            if (members.isEmpty()) {
                rooms.remove(room);
                record(changes, RoomEvents.Kind.DELETE_ROOM, room, null);
            }
        }
    }

    private static void record(List<RoomEvents.Change> changes, RoomEvents.Kind kind, String room, String id) {
        if (changes != null) {
            changes.add(new RoomEvents.Change(kind, room, id));
        }
    }

    @Override
    public void onCreateRoom(Consumer<String> listener) {
        events.onCreateRoom(listener);
    }

    @Override
    public void onDeleteRoom(Consumer<String> listener) {
        events.onDeleteRoom(listener);
    }

    @Override
    public void onJoinRoom(BiConsumer<String, String> listener) {
        events.onJoinRoom(listener);
    }

    @Override
    public void onLeaveRoom(BiConsumer<String, String> listener) {
        events.onLeaveRoom(listener);
    }

    @Override
    public synchronized Set<String> socketRooms(String socketId) {
        Set<String> mine = sids.get(socketId);
        return mine == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(mine));
    }

    @Override
    public synchronized Set<String> sockets(Set<String> inRooms) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(
                targetIds(new BroadcastOptions(inRooms, Set.of(), false, false, true, null))));
    }

    @Override
    public synchronized Set<String> rooms() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(rooms.keySet()));
    }

    /** Whether a local socket is in {@code room} (a cluster adapter skips other nodes' broadcasts to rooms it lacks). */
    public synchronized boolean hasRoom(String room) {
        return rooms.containsKey(room);
    }

    /** Ids of the local sockets a broadcast reaches. Called with the lock held. */
    private List<String> targetIds(BroadcastOptions opts) {
        Set<String> excluded = new HashSet<>();
        for (String r : opts.except()) {
            Set<String> members = rooms.get(r);
            if (members != null) {
                excluded.addAll(members);
            }
        }
        List<String> out = new ArrayList<>();
        if (opts.rooms().isEmpty()) {
            for (String id : sids.keySet()) {
                if (!excluded.contains(id)) {
                    out.add(id);
                }
            }
            return out;
        }
        Set<String> seen = opts.rooms().size() > 1 ? new HashSet<>() : null;
        for (String r : opts.rooms()) {
            Set<String> members = rooms.get(r);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (!excluded.contains(id) && (seen == null || seen.add(id))) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private List<AdapterSocket> targets(BroadcastOptions opts) {
        List<String> ids;
        synchronized (this) {
            ids = targetIds(opts);
        }
        List<AdapterSocket> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            AdapterSocket s = nsp.socket(id);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> broadcast(SocketPacket packet, BroadcastOptions opts) {
        SocketPacket out = recovery != null ? store(packet, opts) : packet;
        EncodedFrames frames = EncodedFrames.encode(out); // once, whatever the number of targets
        List<AdapterSocket> targets = targets(opts);
        // several broadcasts handled from one read reach each target in one write (BroadcastWrites)
        BroadcastWrites.coalesced(() -> {
            for (AdapterSocket s : targets) {
                s.write(out, frames, opts.volatileFlag());
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> broadcastWithAck(SocketPacket packet, BroadcastOptions opts,
                                                    IntConsumer clientCount, Consumer<Object> ack) {
        EncodedFrames frames = EncodedFrames.encode(packet);
        List<AdapterSocket> targets = targets(opts);
        for (AdapterSocket s : targets) {
            s.expectAck(packet.ackId(), ack);
        }
        clientCount.accept(targets.size());
        for (AdapterSocket s : targets) {
            s.write(packet, frames, opts.volatileFlag());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> out = new ArrayList<>();
        for (AdapterSocket s : targets(opts)) {
            out.add(s.details());
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> addSockets(BroadcastOptions opts, Set<String> newRooms) {
        for (AdapterSocket s : targets(opts)) {
            s.joinRooms(newRooms);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> delSockets(BroadcastOptions opts, Set<String> oldRooms) {
        for (AdapterSocket s : targets(opts)) {
            s.leaveRooms(oldRooms);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnectSockets(BroadcastOptions opts, boolean close) {
        for (AdapterSocket s : targets(opts)) {
            s.disconnect(close);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Object>> serverSideEmit(SocketPacket packet, boolean withAck) {
        return CompletableFuture.completedFuture(List.of()); // no other node
    }

    // ---- connection state recovery -------------------------------------------------------------------------

    /**
     * Appends an offset to an event without ack that is not volatile, and logs it (as Node's SessionAwareAdapter:
     * the offset goes last in the data array, where the clients read it). Binary events too: Node checks the type
     * before the encoder makes them BINARY_EVENT, so they get an offset and are replayed with their attachments.
     */
    private SocketPacket store(SocketPacket packet, BroadcastOptions opts) {
        if (!packet.isEvent() || packet.hasAckId() || opts.volatileFlag()) {
            return packet;
        }
        String offset = Long.toString(offsets.incrementAndGet(), 36);
        JsonArray data = Json.createArrayBuilder((JsonArray) packet.data()).add(offset).build();
        SocketPacket stored = new SocketPacket(packet.type(), packet.namespace(), null, data, packet.attachments());
        long now = System.currentTimeMillis();
        synchronized (log) {
            log.addLast(new StoredPacket(offset, opts, stored, now));
            purge(now);
        }
        return stored;
    }

    private void purge(long now) {
        long oldest = now - recovery.maxDisconnectionDuration().toMillis();
        while (!log.isEmpty() && (log.peekFirst().time() < oldest || log.size() > recovery.maxStoredPackets())) {
            log.pollFirst();
        }
        sessions.values().removeIf(d -> d.at() < oldest);
    }

    @Override
    public void persistSession(PersistedSession session) {
        if (recovery == null) {
            return;
        }
        synchronized (log) {
            sessions.put(session.pid(), new Disconnected(session, System.currentTimeMillis()));
        }
    }

    @Override
    public CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        if (recovery == null || pid == null || offset == null) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (log) {
            purge(System.currentTimeMillis());
            Disconnected d = sessions.get(pid);
            if (d == null) {
                return CompletableFuture.completedFuture(null);
            }
            List<SocketPacket> missed = new ArrayList<>();
            boolean found = false;
            for (Iterator<StoredPacket> it = log.iterator(); it.hasNext(); ) {
                StoredPacket p = it.next();
                if (found) {
                    if (p.opts().includes(d.session().rooms())) {
                        missed.add(p.packet());
                    }
                } else if (p.offset().equals(offset)) {
                    found = true;
                }
            }
            if (!found) {
                return CompletableFuture.completedFuture(null); // the offset left the log: too late to recover
            }
            sessions.remove(pid);
            PersistedSession s = d.session();
            return CompletableFuture.completedFuture(
                    new PersistedSession(s.sid(), s.pid(), new LinkedHashSet<>(s.rooms()), s.data(), missed));
        }
    }

    @Override
    public void close() {
        synchronized (log) {
            log.clear();
            sessions.clear();
        }
    }
}
