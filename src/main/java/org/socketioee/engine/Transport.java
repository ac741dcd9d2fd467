package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;

/**
 * A way packets travel between one session and its client: HTTP long-polling or WebSocket. A session has one
 * current transport, and during an upgrade one probing WebSocket beside it. All state is guarded by the session's
 * lock; no method blocks on the network.
 */
abstract sealed class Transport permits PollingTransport, WebSocketTransport {
    final EngineSession session;

    Transport(EngineSession session) {
        this.session = session;
    }

    abstract String name();

    /** Whether a write would go out right now (Node's {@code transport.writable}); called with the lock held. */
    abstract boolean writableLocked();

    /** Writes what the session has queued, as far as the transport can right now. */
    abstract void flush();

    /** Ends the transport after its session closed (polling: a pending GET gets a close packet). */
    abstract void close();

    /** Ends the transport because its session closed for {@code reason}. */
    void close(CloseReason reason) {
        close();
    }

    /** The transport was replaced by an upgrade: release whatever it still holds. */
    abstract void discard();
}
