package org.socketioee.adapter;

import org.socketioee.adapter.AdapterSocket.SocketDetails;
import org.socketioee.parser.SocketPacket;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Room membership and fan-out of one namespace (Node's socket.io-adapter). Membership of local sockets is
 * synchronous; every operation that a cluster adapter must carry to other nodes returns a CompletableFuture, so
 * a Redis (or other) adapter can implement it with network round trips without blocking anyone.
 */
public interface Adapter {
    // ---- local membership ----------------------------------------------------------------------------------
    void addAll(String socketId, Set<String> rooms);

    void del(String socketId, String room);

    void delAll(String socketId);

    /** The rooms of a local socket (empty set when unknown). */
    Set<String> socketRooms(String socketId);

    /** Ids of local sockets in any of {@code rooms} (all local sockets when empty). */
    Set<String> sockets(Set<String> rooms);

    /** Local rooms and their sizes are internal; this is the set of room names on this node. */
    Set<String> rooms();

    // ---- membership events (Node's adapter events), for instrumentation such as the Admin UI ---------------
    // Told after the change, outside the adapter's lock, on the thread that made it. An adapter that does not
    // report them keeps these defaults, which ignore the listener (the in-memory adapter reports them).

    /** Node's "create-room": {@code room} got its first member on this node. */
    default void onCreateRoom(Consumer<String> listener) {
    }

    /** Node's "delete-room": the last member of {@code room} on this node left. */
    default void onDeleteRoom(Consumer<String> listener) {
    }

    /** Node's "join-room": {@code (room, socketId)}, a local socket joined a room it was not in. */
    default void onJoinRoom(BiConsumer<String, String> listener) {
    }

    /** Node's "leave-room": {@code (room, socketId)}, a local socket left a room, its disconnection included. */
    default void onLeaveRoom(BiConsumer<String, String> listener) {
    }

    // ---- cluster-wide operations ---------------------------------------------------------------------------
    /** Sends {@code packet} to every socket matching {@code opts}, encoded once. */
    CompletableFuture<Void> broadcast(SocketPacket packet, BroadcastOptions opts);

    /**
     * Sends an EVENT with one shared ack id to every matching socket. {@code clientCount} is told how many
     * sockets were targeted, once per server of the cluster (this one included, also when it has none);
     * {@code ack} receives each socket's first ack argument. The caller waits for {@link #serverCount()} client
     * counts; at {@code opts.timeout()} it stops waiting and makes this node's sockets forget the ack id, so a
     * cluster adapter makes the other nodes' sockets forget it at that timeout too.
     */
    CompletableFuture<Void> broadcastWithAck(SocketPacket packet, BroadcastOptions opts, IntConsumer clientCount,
                                             Consumer<Object> ack);

    /**
     * The names of the rooms on every node of the cluster (Node's {@code adapter.allRooms()}). A default for the
     * single-node adapters: a cluster adapter asks the other nodes (added for the Redis adapter, whose Node twin
     * answers ALL_ROOMS requests).
     */
    default CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.completedFuture(rooms());
    }

    /** The number of servers of the cluster, this one included (1 for a single node). */
    CompletableFuture<Integer> serverCount();

    CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions opts);

    CompletableFuture<Void> addSockets(BroadcastOptions opts, Set<String> rooms);

    CompletableFuture<Void> delSockets(BroadcastOptions opts, Set<String> rooms);

    CompletableFuture<Void> disconnectSockets(BroadcastOptions opts, boolean close);

    /** Emits to the other nodes of the cluster (none for a single node); the first element is the event name. */
    CompletableFuture<List<Object>> serverSideEmit(SocketPacket packet, boolean withAck);

    // ---- connection state recovery -------------------------------------------------------------------------
    /** Keeps a disconnected socket's state for the recovery window (no-op when recovery is off). */
    void persistSession(PersistedSession session);

    /** The state and missed events for {@code pid} after {@code offset}, or null when it cannot be recovered. */
    CompletableFuture<PersistedSession> restoreSession(String pid, String offset);

    void close();
}
