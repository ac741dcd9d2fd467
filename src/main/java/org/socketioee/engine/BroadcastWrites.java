package org.socketioee.engine;

import org.socketioee.engine.ws.WebSocketConnection;

/**
 * How a broadcast hands its writes to the engine: on the thread that is handling what a read of an upgraded
 * WebSocket connection brought ({@code socketio.websocket=upgrade}), the targets are flushed once at the end of that
 * read, so several broadcasts in one read reach each target in one gathered write
 * ({@link WebSocketConnection#coalesced}). Anywhere else the writes are flushed as they are made.
 */
public final class BroadcastWrites {
    private BroadcastWrites() {
    }

    /** Runs {@code writes}, a broadcast's queueing of its frames for every target. */
    public static void coalesced(Runnable writes) {
        WebSocketConnection.coalesced(writes);
    }
}
