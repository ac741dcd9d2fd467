package org.socketioee.server;

import org.socketioee.adapter.AdapterSocket.SocketDetails;

import java.util.Map;
import java.util.Set;

/**
 * A socket as fetchSockets returns it: a snapshot of id, handshake, rooms and data, and operations that go through
 * the adapter (so they work for a socket on another node too).
 */
public final class RemoteSocket {
    private final Namespace nsp;
    private final SocketDetails details;

    RemoteSocket(Namespace nsp, SocketDetails details) {
        this.nsp = nsp;
        this.details = details;
    }

    public String id() {
        return details.id();
    }

    public Map<String, Object> handshake() {
        return details.handshake();
    }

    public Set<String> rooms() {
        return details.rooms();
    }

    public Map<String, Object> data() {
        return details.data();
    }

    public void emit(String event, Object... args) {
        nsp.to(id()).emit(event, args);
    }

    public void join(String... rooms) {
        nsp.in(id()).socketsJoin(rooms);
    }

    public void leave(String... rooms) {
        nsp.in(id()).socketsLeave(rooms);
    }

    public void disconnect(boolean close) {
        nsp.in(id()).disconnectSockets(close);
    }
}
