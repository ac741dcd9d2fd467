package org.socketioee.engine;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;
import org.socketioee.engine.ws.WebSocketConnection;
import org.socketioee.engine.ws.WebSocketProtocol;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The Engine.IO side of one WebSocket on the Servlet upgrade ({@code socketio.websocket=upgrade}), as
 * {@link EngineWebSocketEndpoint} is on the JSR 356 path: opens the session (or the upgrade probe) when the socket
 * opens, decodes each message into a packet, and turns the way the socket ended into the session's close reason.
 */
final class EngineWebSocketHandler implements WebSocketConnection.Handler {
    private static final System.Logger LOG = System.getLogger(EngineWebSocketHandler.class.getName());

    private final EngineServer engine;
    private final Handshake handshake;
    private volatile UpgradeWebSocketTransport transport;

    private EngineWebSocketHandler(EngineServer engine, Handshake handshake) {
        this.engine = engine;
        this.handshake = handshake;
    }

    /** Answers a WebSocket handshake that passed the engine's checks (origin included) by upgrading it. */
    static void accept(EngineServer engine, HttpServletRequest req, HttpServletResponse res, Handshake handshake)
            throws IOException, ServletException {
        WebSocketConnection.accept(req, res, new EngineWebSocketHandler(engine, handshake),
                engine.options().maxPayload(), engine.scheduler());
    }

    @Override
    public void onOpen(WebSocketConnection connection) {
        // set in the factory, before the session opens on it: the open packet is queued and flushed during
        // openWebSocket, and a container whose output is ready at once (GlassFish) pulls it then, on this thread
        transport = engine.openWebSocket(handshake,
                session -> transport = new UpgradeWebSocketTransport(session, connection));
        if (transport == null) {
            connection.close(WebSocketProtocol.CLOSE_NORMAL, "");
        }
    }

    @Override
    public void onText(String text) {
        UpgradeWebSocketTransport t = transport;
        if (t == null) {
            return;
        }
        Packet p;
        try {
            p = PacketCodec.decode(text);
        } catch (EngineParseException e) {
            LOG.log(Level.WARNING, "engine.io session {0}: parse error: {1}", t.session.id(), e.getMessage());
            transport = null;
            t.onClosed(CloseReason.PARSE_ERROR);
            return;
        }
        t.onPacket(p);
    }

    @Override
    public void onBinary(byte[] data) {
        UpgradeWebSocketTransport t = transport;
        if (t != null) {
            t.onPacket(Packet.message(data));
        }
    }

    @Override
    public void pull(WebSocketConnection.FrameSink out) {
        UpgradeWebSocketTransport t = transport;
        if (t != null) {
            t.pull(out);
        }
    }

    @Override
    public void onDrained() {
        UpgradeWebSocketTransport t = transport;
        if (t != null) {
            t.onDrained();
        }
    }

    @Override
    public void onClosed(int code, String why, boolean failed) {
        UpgradeWebSocketTransport t = transport;
        transport = null;
        if (t == null) {
            return;
        }
        if (code == WebSocketProtocol.CLOSE_TOO_BIG && failed) {
            LOG.log(Level.WARNING, "engine.io session {0}: message larger than maxPayload ({1} bytes)",
                    t.session.id(), engine.options().maxPayload());
        } else if (failed && code != WebSocketProtocol.CLOSE_ABNORMAL) {
            LOG.log(Level.WARNING, "engine.io session {0}: websocket closed with {1}: {2}", t.session.id(),
                    String.valueOf(code), why);
        } else if (failed) {
            LOG.log(Level.DEBUG, "engine.io session {0}: websocket error: {1}", t.session.id(), why);
        }
        t.onClosed(failed ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
    }
}
