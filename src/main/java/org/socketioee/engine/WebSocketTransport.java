package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;

import java.util.ArrayDeque;

/**
 * WebSocket: one packet per frame. Two implementations carry the frames: {@link EndpointWebSocketTransport} on the
 * container's JSR 356 WebSocket (the {@code @ServerEndpoint}, the default, and the only one in WebSocket-only
 * containers), and {@link UpgradeWebSocketTransport} on our own RFC 6455 framing over the Servlet protocol upgrade
 * ({@code socketio.websocket=upgrade}). What the session sees of them is the same.
 */
abstract sealed class WebSocketTransport extends Transport
        permits EndpointWebSocketTransport, UpgradeWebSocketTransport {
    // guarded by session.lock
    boolean closed;
    // guarded by session.lock: the probe replies, written before the session's queue (and before the upgrade)
    final ArrayDeque<Packet> direct = new ArrayDeque<>(2);

    WebSocketTransport(EngineSession session) {
        super(session);
    }

    @Override
    final String name() {
        return EngineOptions.WEBSOCKET;
    }

    /** A packet read from the socket. */
    final void onPacket(Packet p) {
        if (session.isCurrent(this)) {
            session.onPacket(this, p);
        } else {
            session.onProbePacket(this, p);
        }
    }

    /** Sends a packet outside the session queue (the probe's {@code 3probe}). */
    final void sendDirect(Packet p) {
        synchronized (session.lock) {
            direct.add(p);
        }
        flush();
    }

    /** The socket closed or failed. */
    final void onClosed(CloseReason reason) {
        synchronized (session.lock) {
            closed = true;
        }
        session.onTransportClosed(this, reason);
    }

    @Override
    final void discard() {
        // a WebSocket is never replaced by another transport
    }
}
