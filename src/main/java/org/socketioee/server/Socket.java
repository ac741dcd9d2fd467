package org.socketioee.server;

import org.socketioee.adapter.AdapterSocket;
import org.socketioee.adapter.BroadcastOptions;
import org.socketioee.adapter.EncodedFrames;
import org.socketioee.adapter.PersistedSession;
import org.socketioee.engine.ConnectionLog;
import org.socketioee.parser.ArgumentBindException;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;
import org.socketioee.parser.SocketPacketType;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One client's presence in one namespace (Node's server-side {@code Socket}): its id (not the Engine.IO id), the
 * handshake, rooms, listeners, acknowledgements both ways, and emitting to its client.
 * <p>
 * Listeners run on the thread that delivered the packet, in the order packets arrived; don't block there
 * (hand long work to an executor and answer through the {@link Ack} later).
 */
public final class Socket {
    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    /** the connect and disconnect lines, one each per socket: written the cheap way (see ConnectionLog) */
    private static final ConnectionLog CONNECTIONS = new ConnectionLog(Socket.class);

    private final Namespace nsp;
    private final Client client;
    private final String id;
    private final String pid;
    private final SocketHandshake handshake;
    private final boolean recovered;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>();
    private final List<EventListener> anyListeners = new ListenerList<>();
    private final List<EventListener> anyOutgoingListeners = new ListenerList<>();
    private final List<SocketMiddleware> middlewares = new ListenerList<>();
    private final List<Consumer<Exception>> errorListeners = new ListenerList<>();
    private final List<Consumer<DisconnectReason>> disconnectingListeners = new ListenerList<>();
    private final List<Consumer<DisconnectReason>> disconnectListeners = new ListenerList<>();
    private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
    private final AdapterSocket adapterView = new AdapterView();

    /** An acknowledgement this socket waits for from its client. */
    private interface PendingAck {
        void answered(List<Object> args);

        /** The socket disconnected first. */
        default void abandoned() {
        }
    }
    private final List<SocketPacket> missedPackets;
    private final Set<String> restoredRooms;
    private volatile boolean connected;
    /**
     * Whether the CONNECT answer is written. The socket joins its rooms just before, and Node writes both in one
     * go; here a broadcast from another thread (another client's handler, a cluster node's message) can reach the
     * socket in between, and would reach the client before the CONNECT (a protocol error to a strict client). So
     * until then writes wait in {@link #beforeConnect} and follow the CONNECT. Both guarded by
     * {@link #connectLock}, taken nowhere else (not the Socket itself: an application that synchronizes on its
     * socket must not hold up the CONNECT); once connected, a write only reads the flag.
     */
    private volatile boolean connectWritten;
    private List<Deferred> beforeConnect; // made by the first write that has to wait
    private final Object connectLock = new Object();

    private record Deferred(SocketPacket packet, EncodedFrames frames, boolean volatileFlag) {
    }

    Socket(Namespace nsp, Client client, Map<String, Object> auth, PersistedSession previous) {
        this.nsp = nsp;
        this.client = client;
        this.handshake = SocketHandshake.of(client.session().handshake(), auth);
        if (previous != null) {
            this.id = previous.sid();
            this.pid = previous.pid();
            this.data.putAll(previous.data());
            this.missedPackets = previous.missedPackets();
            this.recovered = true;
            this.restoredRooms = previous.rooms(); // joined on connect, not before the middlewares agree
        } else {
            this.id = nsp.server().newId();
            this.pid = nsp.server().options().recovery() != null ? nsp.server().newId() : null;
            this.missedPackets = List.of();
            this.recovered = false;
            this.restoredRooms = Set.of();
        }
    }

    // ---- identity and state --------------------------------------------------------------------------------

    /** The socket id (per namespace, not the Engine.IO session id); kept across a recovery. */
    public String id() {
        return id;
    }

    /** The namespace this socket is connected to. */
    public Namespace namespace() {
        return nsp;
    }

    /** The server of its namespace. */
    public SocketIoServer server() {
        return nsp.server();
    }

    /** Headers, query, auth, address, time and url of the connection, as the CONNECT arrived. */
    public SocketHandshake handshake() {
        return handshake;
    }

    /** Free-form data attached to the socket (Node's {@code socket.data}); kept across a recovery. */
    public Map<String, Object> data() {
        return data;
    }

    /** True from the CONNECT answer until the disconnection, whatever its cause. */
    public boolean connected() {
        return connected;
    }

    /** Whether this socket was restored by connection state recovery (same id, rooms and data). */
    public boolean recovered() {
        return recovered;
    }

    /** The Engine.IO session under this socket (shared by the client's sockets in other namespaces). */
    public String connectionId() {
        return client.session().id();
    }

    /** Name of the current transport: {@code polling} or {@code websocket}. */
    public String transport() {
        return client.session().transportName();
    }

    // ---- rooms -----------------------------------------------------------------------------------------------

    /** The rooms this socket is in, its own id included (a copy). */
    public Set<String> rooms() {
        return nsp.adapter().socketRooms(id);
    }

    /** Joins rooms at once (Node returns a promise with some adapters; local membership is synchronous here). */
    public Socket join(String... rooms) {
        nsp.adapter().addAll(id, Set.of(rooms));
        return this;
    }

    /** Leaves a room at once. */
    public Socket leave(String room) {
        nsp.adapter().del(id, room);
        return this;
    }

    // ---- listeners -------------------------------------------------------------------------------------------

    /**
     * Listens to an event from the client. A listener that throws does not break the connection: a client that
     * asked for an acknowledgement gets {@code {"error":"<message>"}} for an {@code ArgumentBindException} (a value
     * that does not bind), {@code {"error":"internal server error"}} for anything else (logged).
     */
    public Socket on(String event, EventListener listener) {
        listeners.computeIfAbsent(event, k -> new ListenerList<>()).add(listener);
        return this;
    }

    /** A typed listener: the first argument bound to {@code type} with JSON-B. */
    public <T> Socket on(String event, Class<T> type, Consumer<T> listener) {
        return on(event, e -> listener.accept(e.arg(0, type)));
    }

    /** A typed listener with the acknowledgement ({@link Ack#NONE} when the client asked for none). */
    public <T> Socket on(String event, Class<T> type, BiConsumer<T, Ack> listener) {
        return on(event, e -> listener.accept(e.arg(0, type), e.acknowledgement()));
    }

    /** As {@link #on(String, EventListener)}, removed after the first event. */
    public Socket once(String event, EventListener listener) {
        AtomicBoolean fired = new AtomicBoolean();
        EventListener[] self = new EventListener[1];
        self[0] = e -> {
            if (fired.compareAndSet(false, true)) {
                off(event, self[0]);
                listener.onEvent(e);
            }
        };
        return on(event, self[0]);
    }

    /** Removes a listener given to {@link #on(String, EventListener)} (the same instance). */
    public Socket off(String event, EventListener listener) {
        List<EventListener> l = listeners.get(event);
        if (l != null) {
            l.remove(listener);
        }
        return this;
    }

    /** Every event from the client, before its own listeners. */
    public Socket onAny(EventListener listener) {
        anyListeners.add(listener);
        return this;
    }

    /** Removes a listener given to {@link #onAny}. */
    public Socket offAny(EventListener listener) {
        anyListeners.remove(listener);
        return this;
    }

    /**
     * Every event written to the client, broadcasts included, as it is written; the event's arguments are as they
     * went out (plain Java values, byte[] for attachments) and it has no acknowledgement ({@link Ack#NONE}).
     */
    public Socket onAnyOutgoing(EventListener listener) {
        anyOutgoingListeners.add(listener);
        return this;
    }

    /** Removes a listener given to {@link #onAnyOutgoing}. */
    public Socket offAnyOutgoing(EventListener listener) {
        anyOutgoingListeners.remove(listener);
        return this;
    }

    /** Adds a middleware run for each incoming event, in the order added (see {@link SocketMiddleware}). */
    public Socket use(SocketMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /**
     * Errors of this socket: an event refused by a {@link SocketMiddleware} (Node's {@code socket.on("error")}).
     * Without a listener, the refusal is logged.
     */
    public Socket onError(Consumer<Exception> listener) {
        errorListeners.add(listener);
        return this;
    }

    /** Before the socket leaves its rooms. */
    public Socket onDisconnecting(Consumer<DisconnectReason> listener) {
        disconnectingListeners.add(listener);
        return this;
    }

    /** After the socket left its rooms; pending acknowledgements it waited for have failed by then. */
    public Socket onDisconnect(Consumer<DisconnectReason> listener) {
        disconnectListeners.add(listener);
        return this;
    }

    // ---- emitting ----------------------------------------------------------------------------------------------

    /** Emits to this socket's client. */
    public Socket emit(String event, Object... args) {
        new Emitter(this, false, null).emit(event, args);
        return this;
    }

    /** Emits and waits for the client's acknowledgement, without a time limit; completes with its arguments. */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return new Emitter(this, false, null).emitWithAck(event, args);
    }

    /** Volatile: dropped when the client is not ready to receive now (Node's {@code socket.volatile}). */
    public Emitter asVolatile() {
        return new Emitter(this, true, null);
    }

    /** An acknowledgement deadline for the next emit (Node's {@code socket.timeout(ms)}). */
    public Emitter timeout(Duration timeout) {
        return new Emitter(this, false, timeout);
    }

    /** Compression hint; messages are sent uncompressed unless the connection negotiated it. */
    public Emitter compress(boolean compress) {
        return new Emitter(this, false, null);
    }

    /** To every socket of the namespace but this one (Node's {@code socket.broadcast}). */
    public BroadcastOperator broadcast() {
        return new BroadcastOperator(nsp, Set.of(), Set.of(id));
    }

    /** To the rooms, except this socket (Node's {@code socket.to(room)}). */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(nsp, Set.of(rooms), Set.of(id));
    }

    /** Same as {@link #to(String...)}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** To every socket of the namespace but this one and those in {@code rooms}. */
    public BroadcastOperator except(String... rooms) {
        Set<String> ex = new HashSet<>(Set.of(rooms));
        ex.add(id);
        return new BroadcastOperator(nsp, Set.of(), ex);
    }

    /**
     * Disconnects from this namespace ("server namespace disconnect"); with {@code close}, closes the whole
     * connection and so every namespace of this client.
     */
    public Socket disconnect(boolean close) {
        if (!connected) {
            return this;
        }
        if (close) {
            client.disconnectAll();
        } else {
            // closed before the DISCONNECT goes out: a client that gets it may close its connection at once, and
            // that close, on another thread, must find this socket gone, not report "transport close" for it
            onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
            client.write(EncodedFrames.encode(PacketFactory.disconnect(nsp.name())), false);
        }
        return this;
    }

    /** Same as {@code disconnect(false)}: leaves the namespace, the connection stays. */
    public Socket disconnect() {
        return disconnect(false);
    }

    // ---- used by the emitter, the namespace and the client ------------------------------------------------

    void send(String event, Object[] args, boolean volatileFlag) {
        SocketPacket packet = PacketFactory.event(nsp.name(), event, args);
        if (nsp.server().options().recovery() != null && !volatileFlag) {
            // through the adapter, so the event gets an offset and is kept for a recovery (as Node does)
            nsp.adapter().broadcast(packet, BroadcastOptions.toRoom(id));
        } else {
            write(packet, EncodedFrames.encode(packet), volatileFlag);
        }
    }

    CompletableFuture<List<Object>> sendWithAck(String event, Object[] args, boolean volatileFlag, Duration timeout) {
        long ackId = nsp.nextAckId();
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        int max = nsp.server().options().maxPendingAcks();
        if (acks.size() >= max) {
            result.completeExceptionally(new IllegalStateException("more than " + max + " acknowledgements pending"));
            return result;
        }
        acks.put(ackId, new PendingAck() {
            @Override
            public void answered(List<Object> args) {
                result.complete(args);
            }

            @Override
            public void abandoned() {
                result.completeExceptionally(new IllegalStateException("socket has been disconnected"));
            }
        });
        if (timeout != null) {
            nsp.server().scheduler().schedule(() -> {
                if (acks.remove(ackId) != null) {
                    nsp.server().metrics().ackTimeout(nsp.name());
                    result.completeExceptionally(new AckTimeoutException("operation has timed out"));
                }
            }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        SocketPacket packet = PacketFactory.eventWithAck(nsp.name(), event, ackId, args);
        write(packet, EncodedFrames.encode(packet), volatileFlag);
        return result;
    }

    /** Writes a packet encoded once; {@code packet} is the decoded form, for the outgoing catch-all listeners. */
    void write(SocketPacket packet, EncodedFrames frames, boolean volatileFlag) {
        if (!connectWritten) {
            synchronized (connectLock) {
                if (!connectWritten) {
                    if (beforeConnect == null) {
                        beforeConnect = new ArrayList<>(2);
                    }
                    beforeConnect.add(new Deferred(packet, frames, volatileFlag));
                    return;
                }
            }
        }
        writeNow(packet, frames, volatileFlag);
    }

    private void writeNow(SocketPacket packet, EncodedFrames frames, boolean volatileFlag) {
        if (!anyOutgoingListeners.isEmpty() && packet.isEvent()) {
            Event event = new Event(this, packet, Ack.NONE);
            for (EventListener l : anyOutgoingListeners) {
                safely(() -> l.onEvent(event));
            }
        }
        if (client.write(frames, volatileFlag) && packet.isEvent()) {
            ServerMetrics m = nsp.server().metrics();
            if (m.enabled()) {
                m.eventSent(nsp.name(), packet.eventName(), ServerMetrics.size(frames.packets()));
            }
        }
    }

    void forgetAck(long ackId) {
        acks.remove(ackId);
    }

    /** What the adapter sees of this socket (the SPI stays off the public API). */
    AdapterSocket adapterView() {
        return adapterView;
    }

    private final class AdapterView implements AdapterSocket {
        @Override
        public String id() {
            return id;
        }

        @Override
        public void write(SocketPacket packet, EncodedFrames frames, boolean volatileFlag) {
            Socket.this.write(packet, frames, volatileFlag);
        }

        @Override
        public void expectAck(long ackId, Consumer<Object> firstArgument) {
            acks.put(ackId, args -> firstArgument.accept(args.isEmpty() ? null : args.get(0)));
        }

        @Override
        public void joinRooms(Set<String> rooms) {
            nsp.adapter().addAll(id, rooms);
        }

        @Override
        public void leaveRooms(Set<String> rooms) {
            for (String r : rooms) {
                nsp.adapter().del(id, r);
            }
        }

        @Override
        public void disconnect(boolean close) {
            Socket.this.disconnect(close);
        }

        @Override
        public SocketDetails details() {
            return new SocketDetails(id, handshake.toMap(), rooms(), Map.copyOf(data));
        }

        @Override
        public String pid() {
            return pid;
        }
    }

    /** Joins its own room, replays missed events, answers the CONNECT, then the namespace fires "connection". */
    void onConnect() {
        connected = true;
        Set<String> rooms = new HashSet<>(restoredRooms);
        rooms.add(id);
        nsp.adapter().addAll(id, rooms);
        SocketPacket connect = pid == null ? PacketFactory.connect(nsp.name(), id)
                : new SocketPacket(SocketPacketType.CONNECT, nsp.name(), null, jakarta.json.Json.createObjectBuilder()
                .add("sid", id).add("pid", pid).build());
        synchronized (connectLock) {
            // missed events before the CONNECT, as Node writes them: the client buffers them and emits them before
            // its "connect", so the app sees the state caught up when "connect" fires
            for (SocketPacket missed : missedPackets) {
                writeNow(missed, EncodedFrames.encode(missed), false);
            }
            client.write(EncodedFrames.encode(connect), false);
            connectWritten = true;
            // then what other threads broadcast to the rooms just joined, in the order they did
            if (beforeConnect != null) {
                for (Deferred d : beforeConnect) {
                    writeNow(d.packet(), d.frames(), d.volatileFlag());
                }
                beforeConnect = null;
            }
        }
        nsp.server().metrics().connected(nsp.name());
        if (CONNECTIONS.enabled()) {
            CONNECTIONS.info("onConnect", "socket.io connect id=" + id + " nsp=" + nsp.name() + " sid="
                    + client.session().id() + " transport=" + transport() + " address=" + handshake.address()
                    + (recovered ? " (recovered)" : ""));
        }
    }

    void onPacket(SocketPacket packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> LOG.log(Level.DEBUG, "socket {0}: ignored {1}", id, packet.type());
        }
    }

    private void onEvent(SocketPacket packet) {
        Ack ack = packet.hasAckId() ? ackFor(packet.ackId()) : Ack.NONE;
        Event event = new Event(this, packet, ack);
        for (EventListener l : anyListeners) {
            safely(() -> l.onEvent(event));
        }
        runMiddleware(0, event);
    }

    private void runMiddleware(int i, Event event) {
        if (i >= middlewares.size()) {
            dispatch(event);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        SocketMiddleware.Next next = new SocketMiddleware.Next() {
            @Override
            public void accept() {
                if (done.compareAndSet(false, true)) {
                    runMiddleware(i + 1, event);
                }
            }

            @Override
            public void reject(Exception error) {
                if (done.compareAndSet(false, true)) {
                    refused(event, error);
                }
            }
        };
        try {
            middlewares.get(i).handle(event, next);
        } catch (RuntimeException e) {
            next.reject(e);
        }
    }

    /** A middleware refused the event: dropped, and the error listeners are told. */
    private void refused(Event event, Exception error) {
        nsp.server().metrics().error(nsp.name());
        if (errorListeners.isEmpty()) {
            LOG.log(Level.INFO, "socket.io socket {0}: \"{1}\" refused by a middleware: {2}", id, event.name(),
                    error.getMessage());
        }
        for (Consumer<Exception> l : errorListeners) {
            safely(() -> l.accept(error));
        }
    }

    private void dispatch(Event event) {
        if (!connected) {
            return; // disconnected while an asynchronous middleware ran (as Node checks)
        }
        List<EventListener> ls = listeners.get(event.name());
        if (ls == null) {
            return;
        }
        for (EventListener l : ls) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                listenerFailed(event, e);
            }
        }
    }

    /**
     * A listener threw, or its CompletionStage failed: a value the client sent that does not bind is answered with
     * the reason; anything else is logged and answered with a generic error (the client asked for an answer: it
     * gets one instead of waiting forever). The connection survives either way.
     */
    void listenerFailed(Event event, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        nsp.server().metrics().error(nsp.name());
        if (e instanceof ArgumentBindException) {
            // what the client sent does not fit the listener's parameters: its mistake, one line, no stack trace
            LOG.log(Level.WARNING, "socket.io socket {0} ({1}): \"{2}\" refused: {3}", id, handshake.address(),
                    event.name(), e.getMessage());
            event.ack(Map.of("error", e.getMessage()));
        } else {
            LOG.log(Level.ERROR, "listener for \"" + event.name() + "\" failed on socket " + id, e);
            event.ack(Map.of("error", "internal server error"));
        }
    }

    private Ack ackFor(long ackId) {
        AtomicBoolean sent = new AtomicBoolean();
        return args -> {
            if (sent.compareAndSet(false, true) && connected) {
                SocketPacket p = PacketFactory.ack(nsp.name(), ackId, args);
                write(p, EncodedFrames.encode(p), false);
            }
        };
    }

    private void onAck(SocketPacket packet) {
        // an ack without an id ("3[]") answers nothing: ignored, as Node does (found by ServerFuzzTest)
        PendingAck cb = packet.hasAckId() ? acks.remove(packet.ackId()) : null;
        if (cb == null) {
            LOG.log(Level.DEBUG, "socket {0}: unexpected ack {1}", id, packet.ackId());
            return;
        }
        List<Object> args = packet.javaArgs();
        safely(() -> cb.answered(args));
    }

    /** The end of this socket, whatever the cause; keeps its state for recovery when the reason allows it. */
    void onClose(DisconnectReason reason) {
        if (!connected) {
            return;
        }
        connected = false;
        nsp.server().metrics().disconnected(nsp.name(), reason);
        for (Consumer<DisconnectReason> l : disconnectingListeners) {
            safely(() -> l.accept(reason));
        }
        if (nsp.server().options().recovery() != null && reason.recoverable()) {
            nsp.adapter().persistSession(new PersistedSession(id, pid, rooms(), Map.copyOf(data), List.of()));
        }
        nsp.adapter().delAll(id);
        nsp.remove(this);
        client.remove(this);
        List<PendingAck> pending = new ArrayList<>(acks.values());
        acks.clear();
        for (PendingAck cb : pending) {
            safely(cb::abandoned); // emitWithAck futures learn that no answer will come
        }
        if (CONNECTIONS.enabled()) {
            CONNECTIONS.info("onClose", "socket.io disconnect id=" + id + " nsp=" + nsp.name() + " sid="
                    + client.session().id() + " transport=" + client.session().transportName() + " address="
                    + handshake.address() + " reason=\"" + reason + "\"");
        }
        for (Consumer<DisconnectReason> l : disconnectListeners) {
            safely(() -> l.accept(reason));
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "listener failed on socket " + id, e);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + nsp.name() + "]";
    }
}
