package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real {@link EngineSession} of a real {@link EngineServer} (and whatever is attached to it: the Socket.IO
 * server), with no network: packets are handed in as a transport would hand them, and what the server sends stays
 * queued (a polling transport with no GET waiting). For fuzzing the layers above the transports in-process.
 */
public final class InMemorySession {
    private final EngineSession session;
    private final PollingTransport transport;

    private InMemorySession(EngineSession session, PollingTransport transport) {
        this.session = session;
        this.transport = transport;
    }

    /** Opens a session as a polling handshake would, telling the server's connection listener. */
    public static InMemorySession open(EngineServer server, String id) {
        Handshake h = new Handshake(Map.of("EIO", List.of("4"), "transport", List.of("polling")), Map.of(),
                "127.0.0.1", "/socket.io/?EIO=4&transport=polling", false, Instant.now());
        EngineSession s = new EngineSession(id, server, h);
        PollingTransport t = new PollingTransport(s);
        s.open(t, server.connectionListener());
        return new InMemorySession(s, t);
    }

    /** One WebSocket text frame from the client: false when it is not an Engine.IO packet (the endpoint would close). */
    public boolean receive(String frame) {
        try {
            session.onPacket(transport, PacketCodec.decode(frame));
            return true;
        } catch (EngineParseException e) {
            return false;
        }
    }

    /** One WebSocket binary frame from the client. */
    public void receive(byte[] frame) {
        session.onPacket(transport, Packet.message(frame));
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** The client went away (if the session is still open). */
    public void drop() {
        session.onClose(CloseReason.TRANSPORT_CLOSE);
    }
}
