package org.socketioee.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketType;

import java.io.StringReader;
import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An Engine.IO v4 client session, as engine.io-client's Socket: handshake on the first transport that works
 * (in {@link ClientOptions#transports()} order), heartbeat (answers pings, closes with "ping timeout" when they
 * stop), one ordered write buffer, and the polling → WebSocket upgrade (probe, pause polling, upgrade packet).
 * Confined to the manager's event loop: every method runs there.
 */
final class EngineClient implements Transport.Listener {
    interface Listener {
        void onEngineOpen(EngineClient e);

        void onEngineMessage(EngineClient e, Object data);

        /** Failed before the handshake completed. */
        void onEngineError(EngineClient e, Throwable cause);

        void onEngineClose(EngineClient e, CloseReason reason, Throwable cause);

        /** The polling transport was replaced by WebSocket. */
        void onEngineUpgrade(EngineClient e, String transport);
    }

    private enum State { OPENING, OPEN, CLOSED }

    private final ClientOptions options;
    private final URI base;
    private final ScheduledExecutorService loop;
    private final Listener listener;
    private final CookieHandler cookies;
    private final ClientRuntime runtime;
    private final List<Packet> writeBuffer = new ArrayList<>();
    private State state = State.OPENING;
    private Transport transport;
    private Transport probe;
    private boolean upgrading;
    private boolean websocketFailed;
    private int transportIndex;
    private String sid;
    private long pingInterval;
    private long pingTimeout;
    private ScheduledFuture<?> pingTimer;

    EngineClient(ClientOptions options, URI base, ScheduledExecutorService loop, Listener listener, CookieHandler cookies,
                 ClientRuntime runtime) {
        this.options = options;
        this.runtime = runtime;
        this.base = base;
        this.loop = loop;
        this.listener = listener;
        this.cookies = cookies;
    }

    void open() {
        transport = create(options.transports().get(0), null);
        transport.open();
    }

    String sid() {
        return sid;
    }

    /** The current transport's name ("websocket" or "polling"). */
    String transportName() {
        return transport == null ? null : transport.name();
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean writable() {
        return state == State.OPEN && transport.writable && !upgrading;
    }

    private Transport create(ClientOptions.Transport kind, String sid) {
        return kind == ClientOptions.Transport.WEBSOCKET
                ? new WebSocketTransport(options, base, loop, this, sid, cookies, runtime)
                : new PollingTransport(options, base, loop, this, sid, cookies, runtime);
    }

    void send(String text) {
        write(Packet.message(text));
    }

    void send(byte[] binary) {
        write(Packet.message(binary));
    }

    private void write(Packet p) {
        if (state != State.OPEN) {
            return;
        }
        writeBuffer.add(p);
        flush();
    }

    private void flush() {
        if (state == State.OPEN && transport.writable && !upgrading && !writeBuffer.isEmpty()) {
            List<Packet> batch = new ArrayList<>(writeBuffer);
            writeBuffer.clear();
            transport.send(batch);
        }
    }

    /** Closes on purpose: sends the CLOSE packet after what is buffered (a Socket.IO DISCONNECT), then closes. */
    void close() {
        close(null);
    }

    /**
     * {@link #close()}, then {@code closedThen} on the loop once the transports are closed: up to half a second
     * later when the CLOSE packet has to drain first. Until then the transports still hand work to the runtime's
     * threads (the WebSocket's close), so the Manager keeps the runtime that long.
     */
    void close(Runnable closedThen) {
        if (state == State.CLOSED) {
            if (closedThen != null) {
                closedThen.run();
            }
            return;
        }
        if (closedThen != null) {
            afterClose.add(closedThen);
        }
        if (closing != null) {
            return;
        }
        if (state == State.OPEN) {
            writeBuffer.add(Packet.CLOSE);
            closing = () -> closed(CloseReason.FORCED_CLOSE, null, false);
            flush();
            loop.schedule(() -> {
                Runnable c = closing;
                if (c != null) {
                    closing = null;
                    c.run();
                }
            }, 500, TimeUnit.MILLISECONDS);
            return;
        }
        closed(CloseReason.FORCED_CLOSE, null, false);
    }

    private Runnable closing;
    /** What {@link #close(Runnable)} was asked to run once closed. */
    private final List<Runnable> afterClose = new ArrayList<>(1);

    private void closed(CloseReason reason, Throwable cause, boolean notify) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        state = State.CLOSED;
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (probe != null) {
            probe.close();
            probe = null;
        }
        if (transport != null) {
            transport.close();
        }
        writeBuffer.clear();
        closing = null;
        List<Runnable> then = new ArrayList<>(afterClose);
        afterClose.clear();
        if (notify) {
            if (wasOpen) {
                listener.onEngineClose(this, reason, cause);
            } else {
                listener.onEngineError(this, cause != null ? cause : new java.io.IOException(reason.text()));
            }
        }
        then.forEach(Runnable::run);
    }

    // ---- transport events

    @Override
    public void onTransportOpen(Transport t) {
        // the OPEN packet makes the session; WebSocket sends it as its first message
        if (t == probe) {
            t.send(List.of(new Packet(PacketType.PING, "probe")));
        }
    }

    @Override
    public void onPacket(Transport t, Packet p) {
        if (state == State.CLOSED) {
            return;
        }
        if (t == probe) {
            if (p.type() == PacketType.PONG && "probe".equals(p.text())) {
                upgrading = true;
                Transport polling = transport;
                polling.pause(() -> {
                    if (state != State.OPEN || probe != t) {
                        return;
                    }
                    probe = null;
                    t.send(List.of(Packet.UPGRADE));
                    polling.close();
                    transport = t;
                    upgrading = false;
                    flush();
                    listener.onEngineUpgrade(this, t.name());
                });
            } else {
                failProbe(t);
            }
            return;
        }
        if (t != transport) {
            return;
        }
        switch (p.type()) {
            case OPEN -> handshake(t, p.text());
            case PING -> {
                resetPingTimer();
                write(Packet.PONG);
            }
            case MESSAGE -> listener.onEngineMessage(this, p.isBinary() ? p.binary() : p.text());
            case CLOSE -> {
                t.closed = true;
                closed(CloseReason.TRANSPORT_CLOSE, null, true);
            }
            default -> {
                // PONG, NOOP, UPGRADE: nothing to do
            }
        }
    }

    private void handshake(Transport t, String json) {
        if (state != State.OPENING) {
            return;
        }
        try {
            JsonObject o = Json.createReader(new StringReader(json == null ? "" : json)).readObject();
            sid = o.getString("sid");
            pingInterval = o.getJsonNumber("pingInterval").longValue();
            pingTimeout = o.getJsonNumber("pingTimeout").longValue();
            t.sid = sid;
            state = State.OPEN;
            resetPingTimer();
            listener.onEngineOpen(this);
            flush();
            JsonArray upgrades = o.getJsonArray("upgrades");
            boolean canUpgrade = upgrades != null && upgrades.stream().anyMatch(v -> v.getValueType() == JsonValue.ValueType.STRING
                    && "websocket".equals(((jakarta.json.JsonString) v).getString()));
            if (state == State.OPEN && t instanceof PollingTransport && options.upgrade() && canUpgrade && !websocketFailed
                    && options.transports().contains(ClientOptions.Transport.WEBSOCKET)) {
                probe = create(ClientOptions.Transport.WEBSOCKET, sid);
                probe.open();
            }
        } catch (JsonParsingException | ClassCastException | NullPointerException e) {
            closed(CloseReason.PARSE_ERROR, e, true);
        }
    }

    private void resetPingTimer() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        pingTimer = loop.schedule(() -> {
            if (state == State.OPEN) {
                closed(CloseReason.PING_TIMEOUT, null, true);
            }
        }, pingInterval + pingTimeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onDrain(Transport t) {
        if (t != transport) {
            return;
        }
        if (closing != null && writeBuffer.isEmpty()) {
            Runnable c = closing;
            closing = null;
            c.run();
            return;
        }
        flush();
    }

    @Override
    public void onTransportClose(Transport t, CloseReason reason, Throwable cause) {
        if (t == probe) {
            failProbe(t);
            return;
        }
        if (t != transport || state == State.CLOSED) {
            return;
        }
        if (state == State.OPENING) {
            if (t instanceof WebSocketTransport) {
                websocketFailed = true;
            }
            if (transportIndex + 1 < options.transports().size()) {
                // fallback: the next transport, as engine.io-client's tryAllTransports
                transportIndex++;
                transport = create(options.transports().get(transportIndex), null);
                transport.open();
                return;
            }
            closed(reason, cause, true);
            return;
        }
        closed(reason, cause, true);
    }

    private void failProbe(Transport t) {
        t.close();
        if (probe == t) {
            probe = null;
            websocketFailed = true;
            if (upgrading) {
                upgrading = false;
                transport.resume();
                flush();
            }
        }
    }
}
