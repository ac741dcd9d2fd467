package org.socketioee.adapter.redis;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.adapter.PersistedSession;
import org.socketioee.adapter.RecoveryOptions;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What every Redis adapter keeps on its own node: which of this node's sockets are in which rooms, the room
 * events, and (unless the adapter overrides them) connection state recovery, all the in-memory adapter's. The
 * cluster adapters add what crosses nodes.
 */
abstract class NodeMembership implements Adapter {
    final InMemoryAdapter local;

    /** @param recovery connection state recovery kept on this node (null: none here) */
    NodeMembership(AdapterNamespace nsp, RecoveryOptions recovery) {
        this.local = new InMemoryAdapter(nsp, recovery);
    }

    @Override
    public void addAll(String socketId, Set<String> rooms) {
        local.addAll(socketId, rooms);
    }

    @Override
    public void del(String socketId, String room) {
        local.del(socketId, room);
    }

    @Override
    public void delAll(String socketId) {
        local.delAll(socketId);
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        return local.socketRooms(socketId);
    }

    @Override
    public Set<String> sockets(Set<String> rooms) {
        return local.sockets(rooms);
    }

    @Override
    public Set<String> rooms() {
        return local.rooms();
    }

    @Override
    public void onCreateRoom(Consumer<String> listener) {
        local.onCreateRoom(listener);
    }

    @Override
    public void onDeleteRoom(Consumer<String> listener) {
        local.onDeleteRoom(listener);
    }

    @Override
    public void onJoinRoom(BiConsumer<String, String> listener) {
        local.onJoinRoom(listener);
    }

    @Override
    public void onLeaveRoom(BiConsumer<String, String> listener) {
        local.onLeaveRoom(listener);
    }

    @Override
    public void persistSession(PersistedSession session) {
        local.persistSession(session);
    }

    @Override
    public CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        return local.restoreSession(pid, offset);
    }
}
