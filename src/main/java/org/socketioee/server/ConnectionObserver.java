package org.socketioee.server;

import org.socketioee.engine.EngineSession;

/**
 * What happens on the Engine.IO connections under a {@link SocketIoServer}, for instrumentation such as the Admin
 * UI (Node's {@code io.engine} "connection" event and its raw socket's "packet", "packetCreate" and "close"). Called
 * on the thread of the event (a container thread): keep it short, never block. Register with
 * {@link SocketIoServer#observeConnections}.
 */
public interface ConnectionObserver {
    /** A new Engine.IO connection, its open packet queued. */
    default void onConnection(EngineSession session) {
    }

    /** A message packet received; {@code bytes}: its payload in bytes (UTF-8 for text), as Node counts it. */
    default void onPacket(EngineSession session, int bytes) {
    }

    /** A message packet queued for the client (Node's "packetCreate"); {@code bytes} as for {@link #onPacket}. */
    default void onPacketCreate(EngineSession session, int bytes) {
    }

    /** The connection closed (the Engine.IO reasons: transport close, ping timeout, forced close, …). */
    default void onClose(EngineSession session, DisconnectReason reason) {
    }
}
