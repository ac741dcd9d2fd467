package org.socketioee.client;

import org.socketioee.parser.SocketPacket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Emits with flags: {@code socket.timeout(Duration.ofSeconds(5)).emitWithAck(…)},
 * {@code socket.asVolatile().emit(…)}. Immutable; each flag method returns a new emitter.
 */
public final class Emitter {
    private final Socket socket;
    private final boolean volatileFlag;
    private final Duration timeout;

    Emitter(Socket socket, boolean volatileFlag, Duration timeout) {
        this.socket = socket;
        this.volatileFlag = volatileFlag;
        this.timeout = timeout;
    }

    public Emitter timeout(Duration d) {
        return new Emitter(socket, volatileFlag, d);
    }

    /** Dropped, not buffered, when the connection cannot take the event now. */
    public Emitter asVolatile() {
        return new Emitter(socket, true, timeout);
    }

    public Socket emit(String event, Object... args) {
        socket.send(event, args, volatileFlag, false, null);
        return socket;
    }

    /**
     * Completes (on the event loop) with the acknowledgement's arguments as plain Java values; fails with
     * {@link AckTimeoutException} after the timeout, or IllegalStateException when the connection drops first.
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return socket.send(event, args, volatileFlag, true, timeout).thenApply(SocketPacket::javaArgs);
    }

    /** As {@link #emitWithAck(String, Object...)}, the first acknowledgement argument bound to {@code type}. */
    public <T> CompletableFuture<T> emitWithAck(Class<T> type, String event, Object... args) {
        return socket.send(event, args, volatileFlag, true, timeout).thenApply(p -> type.cast(Socket.bindFirst(p, type)));
    }
}
