package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketType;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO session (Node's engine.io {@code Socket}): the id, the current transport, the ordered outgoing
 * queue, the heartbeat and the upgrade from polling to WebSocket.
 * <p>
 * Sending never blocks: packets go into a bounded queue that the transport drains with non-blocking writes, one
 * WebSocket send in flight at a time, or all at once into the pending polling GET. A client that does not keep up
 * fills its own queue and is closed with a logged reason; nobody else waits for it.
 */
public final class EngineSession {
    private static final System.Logger LOG = System.getLogger(EngineSession.class.getName());
    /** the open and close lines, one each per session: written the cheap way (see ConnectionLog) */
    private static final ConnectionLog CONNECTIONS = new ConnectionLog(EngineSession.class);

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EngineServer server;
    private final Handshake handshake;
    final Object lock = new Object();

    // all below guarded by lock
    private State state = State.OPEN;
    private Transport transport;
    private WebSocketTransport probe;
    private boolean upgraded;
    private final ArrayDeque<Packet> queue = new ArrayDeque<>();
    private long queuedBytes; // the queue's packets' sizes
    private long waitingSince; // nanoTime the transport last took from the queue, or it became non-empty
    private boolean cutOff; // a bound was hit: the one thread that saw it first logs it and closes
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pingTimeoutTimer;
    private ScheduledFuture<?> upgradeTimer;
    private ScheduledFuture<?> noopTimer;
    private ScheduledFuture<?> closeTimer;
    private CloseReason closeReason;

    private volatile SessionListener listener;

    EngineSession(String id, EngineServer server, Handshake handshake) {
        this.id = id;
        this.server = server;
        this.handshake = handshake;
    }

    public String id() {
        return id;
    }

    public Handshake handshake() {
        return handshake;
    }

    public EngineOptions options() {
        return server.options();
    }

    /**
     * Name of the current transport: {@code polling} or {@code websocket}; null in the moment between the session's
     * registration and its open, when it has none yet (see {@link EngineServer#sessions()}).
     */
    public String transportName() {
        synchronized (lock) {
            return transport == null ? null : transport.name();
        }
    }

    public boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    /**
     * Whether a packet sent now would be written at once (polling: a GET is waiting; WebSocket: no send in
     * flight). Volatile Socket.IO packets are dropped otherwise, as in Node.
     */
    public boolean isWritable() {
        synchronized (lock) {
            return state == State.OPEN && transport != null && queue.isEmpty() && transport.writableLocked();
        }
    }

    /** The reason this session closed, or null while it is open. */
    public CloseReason closeReason() {
        synchronized (lock) {
            return closeReason;
        }
    }

    public void setListener(SessionListener listener) {
        this.listener = listener;
    }

    /** Queues a text message. Returns false when the session is closing or closed (the message is dropped). */
    public boolean send(String text) {
        return sendPacket(Packet.message(text));
    }

    /** Queues a binary message (not copied: do not modify the array afterwards). */
    public boolean send(byte[] data) {
        return sendPacket(Packet.message(data));
    }

    /**
     * Queues a pre-built packet: a broadcast builds its packets once and hands the same instances to every
     * target session.
     */
    public boolean sendPacket(Packet packet) {
        return sendPackets(List.of(packet));
    }

    /**
     * Queues several packets atomically and in order (a Socket.IO binary event and its attachments).
     * <p>
     * A receiver that stopped reading is cut off here, by the sender, without waiting for it: when its queue would
     * exceed {@code maxBufferedPackets} or {@code maxBufferedBytes}, or when its transport has taken nothing from
     * the queue for {@code sendTimeout} (writes stalled). A session that is sent nothing has nothing stalled: the
     * heartbeat's ping, every {@code pingInterval}, is a send too.
     */
    public boolean sendPackets(List<Packet> packets) {
        String why = null;
        synchronized (lock) {
            if (state != State.OPEN || cutOff) {
                return false;
            }
            EngineOptions o = server.options();
            long bytes = 0;
            for (Packet p : packets) {
                bytes += p.size();
            }
            long now = System.nanoTime();
            long stalledMs = queue.isEmpty() ? 0 : (now - waitingSince) / 1_000_000;
            if (queue.size() + packets.size() > o.maxBufferedPackets()) {
                why = "over " + o.maxBufferedPackets() + " packets queued";
            } else if (queuedBytes + bytes > o.maxBufferedBytes()) {
                why = "over " + o.maxBufferedBytes() + " bytes queued";
            } else if (stalledMs > o.sendTimeout()) {
                why = "writes stalled for " + stalledMs + " ms";
            } else {
                if (queue.isEmpty()) {
                    waitingSince = now;
                }
                queue.addAll(packets);
                queuedBytes += bytes;
            }
            if (why != null) {
                cutOff = true;
                why += " (" + queue.size() + " packets, " + queuedBytes + " bytes waiting)";
            }
        }
        if (why != null) {
            LOG.log(Level.WARNING, "engine.io session {0} remote={1}: the client is not reading, {2}: closing",
                    id, handshake.remoteAddress(), why);
            server.metrics().sendQueueOverflow();
            onClose(CloseReason.TRANSPORT_ERROR);
            return false;
        }
        flush();
        return true;
    }

    /**
     * Closes the session from the server side ("forced close"): packets already queued are still delivered
     * (as Node does, so a Socket.IO DISCONNECT reaches the client), then the transport closes.
     */
    public void close() {
        boolean polling;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            polling = transport instanceof PollingTransport;
            long grace = server.options().pingInterval() + server.options().pingTimeout();
            closeTimer = server.scheduler().schedule(() -> onClose(CloseReason.FORCED_CLOSE), grace,
                    TimeUnit.MILLISECONDS);
        }
        flush();
        if (!polling) {
            // polling ends once a GET has carried the close packet (its flush then calls afterFlush): with no GET
            // pending, the client's next one, as in Node; ending now would answer that GET "Session ID unknown"
            // and the client would see a "transport error" instead of a "transport close"
            afterFlush();
        }
    }

    // ---- called by the server and the transports -------------------------------------------------------------

    java.util.concurrent.ScheduledExecutorService scheduler() {
        return server.scheduler();
    }

    /** First steps of a new session: queue the open packet, tell the listener, then write. */
    void open(Transport initial, ConnectionListener connectionListener) {
        CloseReason closedBefore;
        synchronized (lock) {
            closedBefore = state == State.CLOSED ? closeReason : null;
            if (closedBefore == null) {
                transport = initial;
                Packet open = new Packet(PacketType.OPEN, openPayload(initial));
                queue.add(open);
                queuedBytes = open.size();
                waitingSince = System.nanoTime();
                schedulePing();
            }
        }
        if (closedBefore != null) {
            // the server shut down between registering this session and opening it (an undeploy during the
            // handshake): the session never opened, so nobody is told; the client's request is ended
            initial.close(closedBefore);
            return;
        }
        if (CONNECTIONS.enabled()) {
            CONNECTIONS.info("open", "engine.io session open sid=" + id + " transport=" + initial.name() + " remote="
                    + handshake.remoteAddress());
        }
        server.metrics().opened(initial.name());
        if (initial instanceof PollingTransport) {
            flush(); // the handshake GET answers with the open packet alone, as in Node
        }
        if (connectionListener != null) {
            try {
                connectionListener.onConnection(this);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "connection listener failed for session " + id, e);
            }
        }
        flush();
    }

    private String openPayload(Transport initial) {
        EngineOptions o = server.options();
        boolean offerWebSocket = initial instanceof PollingTransport && o.transports().contains(EngineOptions.WEBSOCKET);
        return "{\"sid\":\"" + id + "\",\"upgrades\":[" + (offerWebSocket ? "\"websocket\"" : "")
                + "],\"pingInterval\":" + o.pingInterval() + ",\"pingTimeout\":" + o.pingTimeout()
                + ",\"maxPayload\":" + o.maxPayload() + "}";
    }

    boolean isCurrent(Transport t) {
        synchronized (lock) {
            return transport == t;
        }
    }

    /** The current transport when it is polling, else null. */
    PollingTransport pollingTransport() {
        synchronized (lock) {
            return transport instanceof PollingTransport p ? p : null;
        }
    }

    boolean isCurrentLocked(Transport t) {
        return transport == t;
    }

    /** Next packet for a WebSocket pump, or null. Called with the lock held. */
    Packet pollLocked() {
        Packet p = queue.poll();
        if (p != null) {
            queuedBytes -= p.size();
            waitingSince = System.nanoTime();
        }
        return p;
    }

    /** Everything queued, for one polling response. Called with the lock held. */
    List<Packet> drainLocked() {
        List<Packet> all = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        waitingSince = System.nanoTime();
        return all;
    }

    boolean closingLocked() {
        return state == State.CLOSING;
    }

    /** Whether the session has ended (its id is no longer known to the server). Called with the lock held. */
    boolean closedLocked() {
        return state == State.CLOSED;
    }

    void flush() {
        Transport t;
        synchronized (lock) {
            if (state == State.CLOSED || transport == null) {
                return;
            }
            t = transport;
        }
        t.flush();
    }

    /** After a transport wrote everything: a closing session whose queue is empty can now close. */
    void afterFlush() {
        boolean done;
        synchronized (lock) {
            done = state == State.CLOSING && queue.isEmpty();
        }
        if (done) {
            onClose(CloseReason.FORCED_CLOSE);
        }
    }

    /** A packet arrived on the current transport. */
    void onPacket(Transport from, Packet packet) {
        SessionListener l = listener;
        synchronized (lock) {
            if (state == State.CLOSED || from != transport) {
                return;
            }
            if (packet.type() == PacketType.PONG) {
                cancel(pingTimeoutTimer);
                pingTimeoutTimer = null;
                schedulePing();
                return;
            }
        }
        switch (packet.type()) {
            case MESSAGE -> {
                if (l == null) {
                    return;
                }
                try {
                    if (packet.isBinary()) {
                        l.onBinary(this, packet.binary());
                    } else {
                        l.onMessage(this, packet.text());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "listener failed on a message of session " + id, e);
                }
            }
            case CLOSE -> onClose(CloseReason.TRANSPORT_CLOSE);
            default -> {
                // v4 clients send no other packet on an established transport; ignored as Node does
            }
        }
    }

    /** A WebSocket with this session's id connected: probe it as the upgrade target. */
    boolean startUpgrade(WebSocketTransport ws) {
        synchronized (lock) {
            if (state != State.OPEN || upgraded || probe != null || !(transport instanceof PollingTransport)) {
                return false;
            }
            probe = ws;
            upgradeTimer = server.scheduler().schedule(() -> abortUpgrade(ws, "upgrade timeout"),
                    server.options().upgradeTimeout(), TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /** A packet on the probing WebSocket: {@code 2probe}, then {@code 5}. Anything else aborts the upgrade. */
    void onProbePacket(WebSocketTransport ws, Packet packet) {
        if (packet.type() == PacketType.PING && "probe".equals(packet.text())) {
            synchronized (lock) {
                if (probe != ws) {
                    return;
                }
                cancel(noopTimer);
                // release the pending GET now and again every 100 ms until the upgrade, as Node does, so the
                // client's paused polling cycle ends quickly
                noopTimer = server.scheduler().scheduleWithFixedDelay(this::releasePoll, 0, 100,
                        TimeUnit.MILLISECONDS);
            }
            ws.sendDirect(Packet.PROBE_PONG);
        } else if (packet.type() == PacketType.UPGRADE) {
            Transport old;
            synchronized (lock) {
                if (probe != ws || state == State.CLOSED) {
                    return;
                }
                cancel(upgradeTimer);
                cancel(noopTimer);
                old = transport;
                transport = ws;
                probe = null;
                upgraded = true;
            }
            old.discard();
            LOG.log(Level.DEBUG, "engine.io session {0} upgraded to websocket", id);
            server.metrics().upgraded(old.name(), ws.name());
            flush();
            afterFlush();
        } else {
            abortUpgrade(ws, "unexpected packet during upgrade: " + packet);
        }
    }

    private void releasePoll() {
        Transport t;
        synchronized (lock) {
            t = transport;
        }
        if (t instanceof PollingTransport polling) {
            polling.releaseWithNoop();
        }
    }

    private void abortUpgrade(WebSocketTransport ws, String why) {
        synchronized (lock) {
            if (probe != ws) {
                return;
            }
            probe = null;
            cancel(upgradeTimer);
            cancel(noopTimer);
        }
        LOG.log(Level.DEBUG, "engine.io session {0}: upgrade aborted ({1})", id, why);
        ws.close();
    }

    /** A transport ended (network close, error): the session ends with it unless it was only the probe. */
    void onTransportClosed(Transport t, CloseReason reason) {
        synchronized (lock) {
            if (t == probe) {
                probe = null;
                cancel(upgradeTimer);
                cancel(noopTimer);
                return;
            }
            if (t != transport) {
                return;
            }
        }
        onClose(reason);
    }

    /** The final step, whatever the cause: one INFO line, timers off, transports closed, listener told. */
    void onClose(CloseReason reason) {
        Transport current;
        Transport probing;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            closeReason = reason;
            cancel(pingTimer);
            cancel(pingTimeoutTimer);
            cancel(upgradeTimer);
            cancel(noopTimer);
            cancel(closeTimer);
            queue.clear();
            queuedBytes = 0;
            current = transport;
            probing = probe;
            probe = null;
        }
        server.remove(this);
        if (current == null) {
            return; // closed before it opened (see open): no open line was logged, no listener was told
        }
        if (CONNECTIONS.enabled()) {
            CONNECTIONS.info("onClose", "engine.io session close sid=" + id + " transport=" + current.name()
                    + " remote=" + handshake.remoteAddress() + " reason=\"" + reason + "\"");
        }
        server.metrics().closed(current.name(), reason);
        current.close(reason);
        if (probing != null) {
            probing.close();
        }
        SessionListener l = listener;
        if (l != null) {
            try {
                l.onClose(this, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "listener failed on close of session " + id, e);
            }
        }
    }

    private void schedulePing() {
        long interval = server.options().pingInterval();
        cancel(pingTimer);
        pingTimer = server.scheduler().schedule(this::ping, interval, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        synchronized (lock) {
            if (state != State.OPEN) {
                return; // a closing session ends by its close timer, with its own reason
            }
            cancel(pingTimeoutTimer);
            pingTimeoutTimer = server.scheduler().schedule(() -> onClose(CloseReason.PING_TIMEOUT),
                    server.options().pingTimeout(), TimeUnit.MILLISECONDS);
        }
        sendPacket(Packet.PING);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + "]";
    }
}
