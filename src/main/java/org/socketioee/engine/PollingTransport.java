package org.socketioee.engine;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP long-polling: a GET is held (async, no thread kept) until the session has packets or closes; a POST
 * carries packets from the client. Reads and writes use the Servlet non-blocking I/O listeners, so a slow client
 * never holds a container thread.
 */
final class PollingTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(PollingTransport.class.getName());
    static final String TEXT = "text/plain; charset=UTF-8";

    // guarded by session.lock
    private AsyncContext pendingGet;
    private boolean postInFlight;

    PollingTransport(EngineSession session) {
        super(session);
    }

    @Override
    String name() {
        return EngineOptions.POLLING;
    }

    /** A GET: hold it until there is something to send. Only one at a time. */
    void onPoll(HttpServletRequest req) {
        AsyncContext ac = req.startAsync();
        ac.setTimeout(0); // the heartbeat bounds how long a GET waits
        boolean gone;
        boolean overlap;
        synchronized (session.lock) {
            gone = session.closedLocked();
            overlap = !gone && pendingGet != null;
            if (!gone && !overlap) {
                pendingGet = ac;
            }
        }
        if (gone) {
            // the session closed between the servlet's look-up and now (a POST with a close packet ran
            // concurrently): answer as Node answers a GET that arrives after the close
            respond(ac, 400, "application/json", EngineError.UNKNOWN_SID.json().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (overlap) {
            // a second concurrent GET: refuse it and close the session, as the spec demands
            LOG.log(Level.WARNING, "engine.io session {0}: overlapping GET from client", session.id());
            respond(ac, 400, null, new byte[0]);
            session.onClose(CloseReason.TRANSPORT_ERROR);
            return;
        }
        ac.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                forget(ac);
            }

            @Override
            public void onError(AsyncEvent event) {
                forget(ac);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        session.flush();
    }

    private void forget(AsyncContext ac) {
        synchronized (session.lock) {
            if (pendingGet == ac) {
                pendingGet = null;
            }
        }
    }

    /** A POST: read the body without blocking, then hand its packets to the session. */
    void onData(HttpServletRequest req, HttpServletResponse res) throws IOException {
        int max = session.options().maxPayload();
        if (req.getContentLengthLong() > max) {
            res.setStatus(413);
            return;
        }
        boolean gone;
        boolean overlap;
        synchronized (session.lock) {
            gone = session.closedLocked();
            overlap = !gone && postInFlight;
            if (!gone) {
                postInFlight = true;
            }
        }
        if (gone) {
            EngineServlet.error(res, EngineError.UNKNOWN_SID); // closed since the servlet's look-up, as in onPoll
            return;
        }
        if (overlap) {
            LOG.log(Level.WARNING, "engine.io session {0}: overlapping POST from client", session.id());
            res.setStatus(400);
            session.onClose(CloseReason.TRANSPORT_ERROR);
            return;
        }
        boolean binary = "application/octet-stream".equals(req.getContentType());
        AsyncContext ac = req.startAsync();
        ac.setTimeout(session.options().pingTimeout() + session.options().pingInterval());
        ServletInputStream in = req.getInputStream();
        in.setReadListener(new ReadListener() {
            private final ByteArrayOutputStream body = new ByteArrayOutputStream();
            private final byte[] chunk = new byte[8192];
            private boolean refused;

            @Override
            public void onDataAvailable() throws IOException {
                while (!refused && in.isReady()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        return;
                    }
                    body.write(chunk, 0, n);
                    if (body.size() > max) {
                        refused = true;
                        postDone();
                        respond(ac, 413, null, new byte[0]);
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                if (refused) {
                    return;
                }
                postDone();
                byte[] bytes = body.toByteArray();
                boolean ok = binary ? deliver(Packet.message(bytes)) : deliver(new String(bytes, StandardCharsets.UTF_8));
                // the body is read as UTF-8 whatever its Content-Type says (clients send text/plain without charset)
                if (ok) {
                    respond(ac, 200, "text/html", "ok".getBytes(StandardCharsets.US_ASCII));
                } else {
                    respond(ac, 400, "application/json", EngineError.BAD_REQUEST.json().getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void onError(Throwable t) {
                postDone();
                LOG.log(Level.DEBUG, "engine.io session {0}: POST read failed: {1}", session.id(), t.toString());
                ac.complete();
            }
        });
    }

    private void postDone() {
        synchronized (session.lock) {
            postInFlight = false;
        }
    }

    private boolean deliver(String payload) {
        List<Packet> packets;
        try {
            packets = PacketCodec.decodePayload(payload);
        } catch (EngineParseException e) {
            LOG.log(Level.WARNING, "engine.io session {0}: parse error in POST body: {1}", session.id(), e.getMessage());
            session.onClose(CloseReason.PARSE_ERROR);
            return false;
        }
        for (Packet p : packets) {
            session.onPacket(this, p);
        }
        return true;
    }

    private boolean deliver(Packet binaryMessage) {
        session.onPacket(this, binaryMessage);
        return true;
    }

    @Override
    boolean writableLocked() {
        return pendingGet != null;
    }

    @Override
    void flush() {
        AsyncContext ac;
        List<Packet> batch;
        boolean closing;
        synchronized (session.lock) {
            if (pendingGet == null) {
                return;
            }
            batch = session.drainLocked();
            closing = session.closingLocked();
            if (batch.isEmpty() && !closing) {
                return;
            }
            if (closing) {
                batch.add(Packet.CLOSE);
            }
            ac = pendingGet;
            pendingGet = null;
        }
        respond(ac, 200, TEXT, PacketCodec.encodePayload(batch).getBytes(StandardCharsets.UTF_8));
        session.afterFlush();
    }

    /** During an upgrade: end the paused client's pending GET with a noop. */
    void releaseWithNoop() {
        AsyncContext ac;
        synchronized (session.lock) {
            ac = pendingGet;
            pendingGet = null;
        }
        if (ac != null) {
            respond(ac, 200, TEXT, new byte[] {'6'});
        }
    }

    @Override
    void discard() {
        releaseWithNoop();
    }

    @Override
    void close() {
        close(CloseReason.FORCED_CLOSE);
    }

    /**
     * The session closed: a pending GET gets a close packet, except when the client closed it with a close packet
     * of its own, where it gets a noop, as in Node (engine.io's {@code Polling.onClose}): the client is closing
     * anyway, and a GET that comes after the close gets {@code 400 Session ID unknown}.
     */
    @Override
    void close(CloseReason reason) {
        AsyncContext ac;
        synchronized (session.lock) {
            ac = pendingGet;
            pendingGet = null;
        }
        if (ac != null) {
            respond(ac, 200, TEXT, new byte[] {reason == CloseReason.TRANSPORT_CLOSE ? (byte) '6' : (byte) '1'});
        }
    }

    /** Completes an async request with a body, writing without blocking. */
    static void respond(AsyncContext ac, int status, String contentType, byte[] body) {
        HttpServletResponse res = (HttpServletResponse) ac.getResponse();
        try {
            res.setStatus(status);
            if (contentType != null) {
                res.setContentType(contentType);
            }
            res.setContentLength(body.length);
            if (body.length == 0) {
                ac.complete();
                return;
            }
            ServletOutputStream out = res.getOutputStream();
            out.setWriteListener(new WriteListener() {
                private boolean written;

                @Override
                public void onWritePossible() throws IOException {
                    if (!written) {
                        written = true;
                        out.write(body);
                    }
                    if (out.isReady()) {
                        ac.complete();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    ac.complete();
                }
            });
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "polling response failed: {0}", e.toString());
            try {
                ac.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
        }
    }
}
