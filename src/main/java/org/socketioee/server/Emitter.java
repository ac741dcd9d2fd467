package org.socketioee.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An emit to one socket's client with flags (volatile, timeout), as Node's {@code socket.volatile.emit} and
 * {@code socket.timeout(ms).emitWithAck}. Immutable: the flags never leak into the next emit.
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

    /** Dropped when the client's transport cannot take the event at once (Node's {@code volatile}). */
    public Emitter asVolatile() {
        return new Emitter(socket, true, timeout);
    }

    /** The deadline of {@link #emitWithAck}; without one it waits until the answer or the disconnection. */
    public Emitter timeout(Duration d) {
        return new Emitter(socket, volatileFlag, d);
    }

    /** Accepted for Node compatibility; has no effect (permessage-deflate is not negotiated). */
    public Emitter compress(boolean compress) {
        return this;
    }

    /** Emits to the socket's client with these flags; returns the socket, as the client's emitter does. */
    public Socket emit(String event, Object... args) {
        socket.send(event, args, volatileFlag);
        return socket;
    }

    /**
     * Emits and completes with the client's acknowledgement arguments; fails with {@link AckTimeoutException}
     * after the timeout, or when the socket disconnects first.
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return socket.sendWithAck(event, args, volatileFlag, timeout);
    }
}
