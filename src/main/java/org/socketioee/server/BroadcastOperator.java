package org.socketioee.server;

import org.socketioee.adapter.BroadcastOptions;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A broadcast being built: target rooms, excluded rooms, flags; then emit, emitWithAck, or a bulk operation
 * (fetchSockets, socketsJoin, socketsLeave, disconnectSockets). Immutable: every modifier returns a new operator.
 * Fan-out happens in the adapter, which encodes the packet once.
 */
public final class BroadcastOperator {
    private final Namespace nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean volatileFlag;
    private final boolean local;
    private final Duration timeout;

    BroadcastOperator(Namespace nsp, Set<String> rooms, Set<String> except) {
        this(nsp, rooms, except, false, false, null);
    }

    private BroadcastOperator(Namespace nsp, Set<String> rooms, Set<String> except, boolean volatileFlag,
                              boolean local, Duration timeout) {
        this.nsp = nsp;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.volatileFlag = volatileFlag;
        this.local = local;
        this.timeout = timeout;
    }

    /** Adds target rooms (a socket in several of them receives the packet once). */
    public BroadcastOperator to(String... more) {
        Set<String> r = new HashSet<>(rooms);
        Collections.addAll(r, more);
        return new BroadcastOperator(nsp, r, except, volatileFlag, local, timeout);
    }

    /** Same as {@link #to(String...)}. */
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    /** Excludes the sockets in {@code more}, whatever rooms they are also in. */
    public BroadcastOperator except(String... more) {
        Set<String> e = new HashSet<>(except);
        Collections.addAll(e, more);
        return new BroadcastOperator(nsp, rooms, e, volatileFlag, local, timeout);
    }

    /**
     * Dropped for each client whose transport cannot take it at once (Node's {@code volatile}, a Java keyword).
     */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(nsp, rooms, except, true, local, timeout);
    }

    /** Only the sockets connected to this node (meaningful with a cluster adapter). */
    public BroadcastOperator local() {
        return new BroadcastOperator(nsp, rooms, except, volatileFlag, true, timeout);
    }

    /** Accepted for Node compatibility; has no effect (permessage-deflate is not negotiated). */
    public BroadcastOperator compress(boolean compress) {
        return this;
    }

    /** The deadline of {@link #emitWithAck}; without one it waits for every answer. */
    public BroadcastOperator timeout(Duration d) {
        return new BroadcastOperator(nsp, rooms, except, volatileFlag, local, d);
    }

    BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, volatileFlag, local, true, timeout);
    }

    /**
     * Sends the event to every target, encoded once; arguments go through JSON-B, {@code byte[]} and
     * {@code ByteBuffer} at any depth travel as binary attachments. Returns at once (Node returns true).
     */
    public void emit(String event, Object... args) {
        nsp.adapter().broadcast(PacketFactory.event(nsp.name(), event, args), options());
    }

    /**
     * Emits with one acknowledgement id to every target and completes with the first argument of each client's
     * answer once all have answered, on every server of the cluster (as Node: each server reports how many
     * clients it sent the packet to, and {@link org.socketioee.adapter.Adapter#serverCount()} says how many
     * servers must report). With a {@link #timeout(Duration)}, fails with an {@link AckTimeoutException} carrying
     * the answers received so far, and the local sockets stop waiting for the others. Without a timeout it waits
     * until every target has answered, and a client that disconnects first never will: set one (Node's timer
     * without a timeout fires at once).
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        long ackId = nsp.nextAckId();
        SocketPacket packet = PacketFactory.eventWithAck(nsp.name(), event, ackId, args);
        BroadcastAck ack = new BroadcastAck(nsp, ackId, timeout);
        nsp.adapter().broadcastWithAck(packet, options(), ack::clientCount, ack::response);
        // a cluster adapter that cannot count the servers (its broker is down) fails the broadcast at once
        nsp.adapter().serverCount().whenComplete((n, err) -> {
            if (err != null) {
                ack.fail(err);
            } else {
                ack.serverCount(n);
            }
        });
        return ack.result();
    }

    /** Snapshots (id, handshake, rooms, data) of the targets, on every node of the cluster. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return nsp.adapter().fetchSockets(options())
                .thenApply(list -> list.stream().map(d -> new RemoteSocket(nsp, d)).toList());
    }

    /** Makes the targets join {@code rooms}, on every node; completes when done. */
    public CompletableFuture<Void> socketsJoin(String... rooms) {
        return nsp.adapter().addSockets(options(), Set.of(rooms));
    }

    /** Makes the targets leave {@code rooms}, on every node; completes when done. */
    public CompletableFuture<Void> socketsLeave(String... rooms) {
        return nsp.adapter().delSockets(options(), Set.of(rooms));
    }

    /** Disconnects the targets ("server namespace disconnect"); {@code close} closes their connections too. */
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        return nsp.adapter().disconnectSockets(options(), close);
    }
}
