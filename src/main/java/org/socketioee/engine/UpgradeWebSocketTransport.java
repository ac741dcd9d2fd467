package org.socketioee.engine;

import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.ws.WebSocketConnection;
import org.socketioee.engine.ws.WebSocketProtocol;
import org.socketioee.engine.ws.WebSocketWriter;


/**
 * WebSocket on our own framing over the Servlet upgrade ({@link WebSocketConnection}). The session's bounded queue
 * is the connection's outgoing queue: whenever the output is ready the connection pulls every packet queued, as
 * pre-encoded frames, and writes them together. A packet's frame is encoded by the first connection that writes
 * it and kept on the packet, so a broadcast (one packet for every target) is encoded once.
 */
final class UpgradeWebSocketTransport extends WebSocketTransport {
    private final WebSocketConnection ws;

    UpgradeWebSocketTransport(EngineSession session, WebSocketConnection ws) {
        super(session);
        this.ws = ws;
    }

    @Override
    boolean writableLocked() {
        return !closed && !ws.isCongested();
    }

    @Override
    void flush() {
        ws.flush();
    }

    /** The connection's pull: the probe replies, then, once this is the session's transport, its queue. */
    void pull(WebSocketConnection.FrameSink out) {
        synchronized (session.lock) {
            if (closed) {
                return;
            }
            Packet p;
            while ((p = direct.poll()) != null) {
                if (!out.add(frame(p))) {
                    return;
                }
            }
            if (!session.isCurrentLocked(this)) {
                return;
            }
            while ((p = session.pollLocked()) != null) {
                if (!out.add(frame(p))) {
                    return;
                }
            }
        }
    }

    /** The connection wrote all it pulled: a closing session whose queue is empty can now close. */
    void onDrained() {
        if (session.isCurrent(this)) {
            session.afterFlush();
        }
    }

    private static byte[] frame(Packet p) {
        byte[] f = p.webSocketFrame();
        if (f == null) {
            f = p.isBinary() ? WebSocketWriter.frame(WebSocketProtocol.OPCODE_BINARY, p.binary())
                    : WebSocketWriter.textFrame(p.wire());
            p.webSocketFrame(f); // a race encodes twice, the same bytes
        }
        return f;
    }

    @Override
    void close() {
        synchronized (session.lock) {
            closed = true;
        }
        ws.close(WebSocketProtocol.CLOSE_NORMAL, "");
    }
}
