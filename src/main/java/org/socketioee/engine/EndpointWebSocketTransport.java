package org.socketioee.engine;

import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket on the container's JSR 356 session ({@link EngineWebSocketEndpoint}). Containers allow one outstanding
 * async send per WebSocket session, so this transport pumps the session's queue one send at a time; the completion
 * of a send starts the next. A send that completes inline (on the sending thread) does not recurse: the running
 * pump loop simply picks the next packet.
 */
final class EndpointWebSocketTransport extends WebSocketTransport implements SendHandler {
    private static final System.Logger LOG = System.getLogger(EndpointWebSocketTransport.class.getName());

    /** Tomcat's per-session timeout (ms) of a blocking send, such as its close frame. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final Session ws;
    // guarded by session.lock
    private boolean sending;
    private boolean pumping;
    private boolean closeAfterSend;

    EndpointWebSocketTransport(EngineSession session, Session ws) {
        super(session);
        this.ws = ws;
    }

    @Override
    boolean writableLocked() {
        return !sending && !closed;
    }

    @Override
    void flush() {
        synchronized (session.lock) {
            if (pumping) {
                return; // the running loop (maybe on this very thread) takes it from here
            }
            pumping = true;
        }
        while (true) {
            Packet next;
            synchronized (session.lock) {
                next = closed || sending ? null : direct.poll();
                if (next == null && !closed && !sending && session.isCurrentLocked(this)) {
                    next = session.pollLocked();
                }
                if (next == null) {
                    pumping = false;
                    break;
                }
                sending = true;
            }
            write(next);
        }
        boolean idle;
        synchronized (session.lock) {
            idle = !sending && session.isCurrentLocked(this);
        }
        if (idle) {
            session.afterFlush(); // a closing session closes once its last frame is out
        }
    }

    private void write(Packet p) {
        try {
            if (p.isBinary()) {
                ws.getAsyncRemote().sendBinary(ByteBuffer.wrap(p.binary()), this);
            } else {
                ws.getAsyncRemote().sendObject(p, this);
            }
        } catch (RuntimeException e) {
            onResult(new SendResult(e));
        }
    }

    @Override
    public void onResult(SendResult result) {
        boolean closeNow;
        synchronized (session.lock) {
            sending = false;
            closeNow = closeAfterSend;
            closeAfterSend = false;
        }
        if (closeNow) {
            closeSocket(CloseCodes.NORMAL_CLOSURE, "");
            return;
        }
        if (!result.isOK()) {
            LOG.log(Level.DEBUG, "engine.io session {0}: websocket send failed: {1}", session.id(),
                    String.valueOf(result.getException()));
            onClosed(CloseReason.TRANSPORT_ERROR);
            return;
        }
        flush();
    }

    @Override
    void close() {
        boolean inFlight;
        synchronized (session.lock) {
            closed = true;
            inFlight = sending;
            closeAfterSend = inFlight;
        }
        if (!inFlight) {
            closeSocket(CloseCodes.NORMAL_CLOSURE, "");
            return;
        }
        // closing under a send in progress would make the container continue that message on a closed socket:
        // close when the send completes, or after a grace period if the client has stopped reading
        session.scheduler().schedule(this::closeStalled, 2, TimeUnit.SECONDS);
    }

    /**
     * Closes a socket whose send is still in progress (the client stopped reading). The container's close frame
     * is a blocking send behind that one: Tomcat would wait its blocking send timeout (20 s by default) on our
     * scheduler's one thread, delaying every session's heartbeat; a short one makes it give up and drop the
     * connection. Other containers ignore the property.
     */
    private void closeStalled() {
        try {
            if (ws.isOpen()) {
                ws.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, 100L);
            }
        } catch (RuntimeException e) {
            // closed meanwhile
        }
        closeSocket(CloseCodes.GOING_AWAY, "send timeout");
    }

    void closeSocket(CloseCodes code, String phrase) {
        try {
            if (ws.isOpen()) {
                ws.close(new jakarta.websocket.CloseReason(code, phrase));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing websocket failed: {0}", e.toString());
        }
    }
}
