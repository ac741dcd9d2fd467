package org.socketioee.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.socketioee.parser.ArgumentBinder;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;
import org.socketioee.parser.SocketPacketType;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A connection to one namespace, over its {@link Manager}'s Engine.IO connection (socket.io-client's Socket).
 * <pre>{@code
 * Socket socket = IO.socket("http://localhost:8080/chat");
 * socket.on("chat message", String.class, msg -> System.out.println(msg));
 * socket.onConnect(() -> socket.emit("chat message", "hello"));
 * }</pre>
 * Emits made while disconnected are buffered (up to {@link ClientOptions#maxBufferedEmits()}, the oldest dropped
 * beyond) and sent once connected; volatile ones ({@link #asVolatile()}) are dropped instead.
 * <p>
 * <b>Threads</b>: listeners run on the manager's event loop (see {@link Manager}); every method may be called
 * from any thread.
 */
public final class Socket {
    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();
    static final String CONNECT = "connect";
    static final String DISCONNECT = "disconnect";
    static final String CONNECT_ERROR = "connect_error";

    private final Manager io;
    private final String nsp;
    private final Supplier<?> auth;
    private final AtomicLong ackIds = new AtomicLong();
    private final Map<String, List<Registration>> listeners = new ConcurrentHashMap<>();
    private final List<Registration> anyListeners = new CopyOnWriteArrayList<>();
    private final List<EventListener> anyOutgoingListeners = new CopyOnWriteArrayList<>();
    private volatile String id;
    private volatile boolean connected;
    private volatile boolean recovered;
    private volatile boolean active;

    // event loop only
    private final Map<Long, PendingAck> acks = new HashMap<>();
    private final ArrayDeque<Outgoing> sendBuffer = new ArrayDeque<>();
    /** With {@link ClientOptions#retries()}: emits sent one at a time, each until acknowledged or out of tries. */
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final List<SocketPacket> receiveBuffer = new ArrayList<>();
    private String pid;
    private String lastOffset;

    private record Registration(Object original, EventListener handler, boolean once) {
    }

    private record Outgoing(SocketPacket packet, boolean volatileFlag) {
    }

    /** An emit of the retry queue; {@code template} is its packet without an ack id (one is drawn per try). */
    private static final class Queued {
        final SocketPacket template;
        final Duration timeout;
        final CompletableFuture<SocketPacket> future = new CompletableFuture<>();
        int tryCount;
        boolean pending;

        Queued(SocketPacket template, Duration timeout) {
            this.template = template;
            this.timeout = timeout;
        }
    }

    private static final class PendingAck {
        final CompletableFuture<SocketPacket> future = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        boolean sent;
    }

    Socket(Manager io, String nsp, Supplier<?> auth) {
        this.io = io;
        this.nsp = nsp;
        this.auth = auth;
    }

    public Manager io() {
        return io;
    }

    public String namespace() {
        return nsp;
    }

    /** The socket id the server gave (differs per namespace and from the Engine.IO id); null when disconnected. */
    public String id() {
        return id;
    }

    public boolean connected() {
        return connected;
    }

    public boolean disconnected() {
        return !connected;
    }

    /** Whether the last connection restored the previous session (connection state recovery). */
    public boolean recovered() {
        return recovered;
    }

    /** Whether the socket is connected or trying to (between {@link #connect()} and a deliberate disconnection). */
    public boolean active() {
        return active;
    }

    // ---- lifecycle

    /** Connects (opening the manager's connection when needed); no-op when connected. */
    public Socket connect() {
        io.post(() -> {
            if (connected) {
                return;
            }
            active = true;
            io.register(this);
            if (io.isOpenOnLoop()) {
                onManagerOpen();
            } else if (!io.isReconnecting()) {
                io.openInternal(null);
            }
        });
        return this;
    }

    /** Disconnects on purpose ("io client disconnect"; no reconnection); the connection closes with the last socket. */
    public Socket disconnect() {
        io.post(() -> {
            boolean was = connected;
            if (was) {
                io.packet(PacketFactory.disconnect(nsp));
            }
            destroy();
            if (was) {
                onClose(DisconnectReason.IO_CLIENT_DISCONNECT);
            }
        });
        return this;
    }

    /** Same as {@link #disconnect()}. */
    public void close() {
        disconnect();
    }

    // ---- listeners

    public Socket on(String event, EventListener listener) {
        return add(event, listener, listener, false);
    }

    /** The first argument bound to {@code type} with JSON-B. */
    public <T> Socket on(String event, Class<T> type, Consumer<T> listener) {
        return add(event, listener, e -> listener.accept(e.arg(0, type)), false);
    }

    /** The first argument bound to {@code type}, and the acknowledgement ({@link Ack#NONE} when none was asked for). */
    public <T> Socket on(String event, Class<T> type, BiConsumer<T, Ack> listener) {
        return add(event, listener, e -> listener.accept(e.arg(0, type), e.acknowledgement()), false);
    }

    public Socket once(String event, EventListener listener) {
        return add(event, listener, listener, true);
    }

    public <T> Socket once(String event, Class<T> type, Consumer<T> listener) {
        return add(event, listener, e -> listener.accept(e.arg(0, type)), true);
    }

    /** Removes a listener given to on/once/onConnect/onDisconnect/onConnectError for {@code event}. */
    public Socket off(String event, Object listener) {
        List<Registration> l = listeners.get(event);
        if (l != null) {
            l.removeIf(r -> r.original == listener);
        }
        return this;
    }

    /** Removes every listener of {@code event}. */
    public Socket off(String event) {
        listeners.remove(event);
        return this;
    }

    /** Removes every listener (of events, lifecycle and catch-all). */
    public Socket off() {
        listeners.clear();
        anyListeners.clear();
        anyOutgoingListeners.clear();
        return this;
    }

    /** Every event from the server, before its own listeners. */
    public Socket onAny(EventListener listener) {
        anyListeners.add(new Registration(listener, listener, false));
        return this;
    }

    public Socket offAny(EventListener listener) {
        anyListeners.removeIf(r -> r.original == listener);
        return this;
    }

    /**
     * Every event this socket writes to the connection, when it is written (buffered emits when they are flushed
     * after a reconnection; volatile emits that are dropped never), as socket.io-client's {@code onAnyOutgoing}.
     * The event's arguments are as they went out (JSON values, byte[] for attachments); it has no ack.
     */
    public Socket onAnyOutgoing(EventListener listener) {
        anyOutgoingListeners.add(listener);
        return this;
    }

    public Socket offAnyOutgoing(EventListener listener) {
        anyOutgoingListeners.remove(listener);
        return this;
    }

    /** Connected to the namespace ({@link #id()} set); again after each reconnection. */
    public Socket onConnect(Runnable listener) {
        return add(CONNECT, listener, null, false);
    }

    public Socket onDisconnect(Consumer<DisconnectReason> listener) {
        return add(DISCONNECT, listener, null, false);
    }

    /** Refused by the server (middleware), or the connection could not be made. */
    public Socket onConnectError(Consumer<ConnectError> listener) {
        return add(CONNECT_ERROR, listener, null, false);
    }

    private Socket add(String event, Object original, EventListener handler, boolean once) {
        listeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(new Registration(original, handler, once));
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> void fireLifecycle(String event, T value) {
        List<Registration> l = listeners.get(event);
        if (l == null) {
            return;
        }
        for (Registration r : l) {
            Manager.fire(() -> {
                if (r.original instanceof Runnable run) {
                    run.run();
                } else {
                    ((Consumer<T>) r.original).accept(value);
                }
            });
        }
    }

    // ---- emitting

    /** Sends an event; arguments go through JSON-B, byte[]/ByteBuffer anywhere in them travel as attachments. */
    public Socket emit(String event, Object... args) {
        new Emitter(this, false, null).emit(event, args);
        return this;
    }

    /** Sends an event and completes with the server's acknowledgement arguments (default timeout of the options). */
    public CompletableFuture<List<Object>> emitWithAck(String event, Object... args) {
        return new Emitter(this, false, null).emitWithAck(event, args);
    }

    /** Sends an event and completes with the first acknowledgement argument bound to {@code type}. */
    public <T> CompletableFuture<T> emitWithAck(Class<T> type, String event, Object... args) {
        return new Emitter(this, false, null).emitWithAck(type, event, args);
    }

    /** An emitter whose acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
    public Emitter timeout(Duration timeout) {
        return new Emitter(this, false, timeout);
    }

    /** An emitter whose events are dropped unless the connection can take them now. */
    public Emitter asVolatile() {
        return new Emitter(this, true, null);
    }

    /** Called by {@link Emitter} on the caller's thread: builds the packet there (errors surface to the caller). */
    CompletableFuture<SocketPacket> send(String event, Object[] args, boolean volatileFlag, boolean withAck,
                                          Duration timeout) {
        if (io.options.retries() > 0 && !volatileFlag) {
            Queued q = new Queued(PacketFactory.event(nsp, event, args), timeout != null ? timeout : io.options.ackTimeout());
            io.post(() -> enqueue(q));
            if (!withAck) {
                q.future.whenComplete((p, err) -> {
                    if (err != null) {
                        LOG.log(System.Logger.Level.WARNING, "socket.io client: \"" + event + "\" on " + nsp + " given up: " + err.getMessage());
                    }
                });
            }
            return q.future;
        }
        if (!withAck) {
            SocketPacket p = PacketFactory.event(nsp, event, args);
            io.post(() -> sendOrBuffer(new Outgoing(p, volatileFlag), null));
            return null;
        }
        long ackId = ackIds.getAndIncrement();
        SocketPacket p = PacketFactory.eventWithAck(nsp, event, ackId, args);
        PendingAck pending = new PendingAck();
        Duration t = timeout != null ? timeout : io.options.ackTimeout();
        io.post(() -> {
            acks.put(ackId, pending);
            if (t != null) {
                pending.timer = io.schedule(() -> {
                    if (acks.remove(ackId) != null) {
                        sendBuffer.removeIf(o -> o.packet.ackId() != null && o.packet.ackId() == ackId);
                        pending.future.completeExceptionally(new AckTimeoutException(
                                "operation has timed out (no acknowledgement of \"" + event + "\" within " + t.toMillis() + " ms)"));
                    }
                }, t.toMillis());
            }
            sendOrBuffer(new Outgoing(p, volatileFlag), pending);
        });
        return pending.future;
    }

    private void sendOrBuffer(Outgoing o, PendingAck pending) {
        if (o.volatileFlag && !(connected && io.writable())) {
            return; // dropped, as socket.io-client does with volatile packets it cannot write now
        }
        if (connected) {
            write(o.packet);
            if (pending != null) {
                pending.sent = true;
            }
            return;
        }
        sendBuffer.add(o);
        if (sendBuffer.size() > io.options.maxBufferedEmits()) {
            Outgoing dropped = sendBuffer.poll();
            LOG.log(System.Logger.Level.WARNING, "socket.io client: send buffer of " + nsp + " full, dropped " + dropped.packet);
            Long id = dropped.packet.ackId();
            PendingAck a = id == null ? null : acks.remove(id);
            if (a != null) {
                cancelTimer(a);
                a.future.completeExceptionally(new IllegalStateException("emit dropped: send buffer full while disconnected"));
            }
        }
    }

    // ---- the retry queue (socket.io-client's retries): at-least-once, in order, one emit in flight

    private void enqueue(Queued q) {
        if (queue.size() >= io.options.maxBufferedEmits()) {
            q.future.completeExceptionally(new IllegalStateException("emit refused: retry queue full ("
                    + queue.size() + " emits waiting for their acknowledgement)"));
            return;
        }
        queue.add(q);
        drainQueue(false);
    }

    /** Sends the head of the queue unless it is in flight; {@code force} resends it (after a reconnection). */
    private void drainQueue(boolean force) {
        Queued q = queue.peek();
        if (!connected || q == null || (q.pending && !force)) {
            return;
        }
        q.pending = true;
        q.tryCount++;
        long ackId = ackIds.getAndIncrement();
        SocketPacket template = q.template;
        SocketPacket p = new SocketPacket(template.type(), nsp, ackId, template.data(), template.attachments());
        PendingAck a = new PendingAck();
        acks.put(ackId, a);
        if (q.timeout != null) {
            a.timer = io.schedule(() -> {
                if (acks.remove(ackId) != null) {
                    a.future.completeExceptionally(new AckTimeoutException("operation has timed out (no acknowledgement of \""
                            + template.eventName() + "\" within " + q.timeout.toMillis() + " ms)"));
                }
            }, q.timeout.toMillis());
        }
        a.future.whenComplete((ack, err) -> io.post(() -> onQueuedResult(q, ack, err)));
        write(p);
        a.sent = true;
    }

    private void onQueuedResult(Queued q, SocketPacket ack, Throwable err) {
        if (queue.peek() != q) {
            return; // an answer to an earlier try of an emit already settled
        }
        if (err == null) {
            queue.poll();
            q.future.complete(ack);
        } else if (q.tryCount > io.options.retries()) {
            queue.poll();
            q.future.completeExceptionally(err);
        }
        q.pending = false;
        drainQueue(false);
    }

    // ---- from the manager (event loop)

    void onManagerOpen() {
        Object payload = auth.get();
        if (pid != null) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("pid", pid);
            if (lastOffset != null) {
                b.add("offset", lastOffset);
            }
            if (payload != null) {
                JsonObject a = Json.createReader(new StringReader(JSONB.toJson(payload))).readObject();
                a.forEach(b::add);
            }
            payload = b.build();
        }
        io.packet(PacketFactory.clientConnect(nsp, payload));
    }

    void onManagerError(Throwable cause) {
        if (!connected) {
            fireLifecycle(CONNECT_ERROR, new ConnectError(String.valueOf(cause.getMessage()), null, false, cause));
        }
    }

    void onManagerClose(DisconnectReason reason) {
        if (connected && active) { // a destroyed socket has already reported its own disconnection
            onClose(reason);
        }
    }

    void onPacket(SocketPacket p) {
        switch (p.type()) {
            case CONNECT -> {
                if (p.data() instanceof JsonObject o && o.get("sid") instanceof JsonString sid) {
                    onConnect(sid.getString(), o.get("pid") instanceof JsonString s ? s.getString() : null);
                } else {
                    fireLifecycle(CONNECT_ERROR, new ConnectError("It seems you are trying to reach a Socket.IO server "
                            + "in v2.x with a v3.x client, but they are not compatible", null, false, null));
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (connected) {
                    onEvent(p);
                } else {
                    receiveBuffer.add(p);
                }
            }
            case ACK, BINARY_ACK -> {
                PendingAck a = acks.remove(p.ackId());
                if (a != null) {
                    cancelTimer(a);
                    a.future.complete(p);
                }
            }
            case DISCONNECT -> {
                destroy();
                onClose(DisconnectReason.IO_SERVER_DISCONNECT);
            }
            case CONNECT_ERROR -> {
                destroy();
                String message = "connect error";
                Object data = null;
                if (p.data() instanceof JsonObject o) {
                    if (o.get("message") instanceof JsonString m) {
                        message = m.getString();
                    }
                    data = o.containsKey("data") ? p.toJava(o.get("data")) : null;
                } else if (p.data() instanceof JsonString s) {
                    message = s.getString();
                }
                fireLifecycle(CONNECT_ERROR, new ConnectError(message, data, true, null));
            }
        }
    }

    private void onConnect(String sid, String newPid) {
        id = sid;
        recovered = newPid != null && newPid.equals(pid);
        pid = newPid;
        connected = true;
        while (!sendBuffer.isEmpty()) {
            Outgoing o = sendBuffer.poll();
            write(o.packet);
            Long ackId = o.packet.ackId();
            PendingAck a = ackId == null ? null : acks.get(ackId);
            if (a != null) {
                a.sent = true;
            }
        }
        drainQueue(true);
        fireLifecycle(CONNECT, null);
        List<SocketPacket> received = new ArrayList<>(receiveBuffer);
        receiveBuffer.clear();
        received.forEach(this::onEvent);
    }

    /** An EVENT packet to the connection, seen first by the outgoing catch-all listeners. */
    private void write(SocketPacket p) {
        if (!anyOutgoingListeners.isEmpty()) {
            Event e = new Event(this, p, Ack.NONE);
            for (EventListener l : anyOutgoingListeners) {
                Manager.fire(() -> l.onEvent(e));
            }
        }
        io.packet(p);
    }

    private void onEvent(SocketPacket p) {
        Ack ack = Ack.NONE;
        if (p.hasAckId()) {
            long ackId = p.ackId();
            AtomicBoolean sent = new AtomicBoolean();
            ack = args -> {
                if (sent.compareAndSet(false, true)) {
                    SocketPacket answer = PacketFactory.ack(nsp, ackId, args);
                    io.post(() -> io.packet(answer));
                }
            };
        }
        Event e = new Event(this, p, ack);
        for (Registration r : anyListeners) {
            Manager.fire(() -> r.handler.onEvent(e));
        }
        List<Registration> l = listeners.get(e.name());
        if (l != null) {
            for (Registration r : l) {
                if (r.once) {
                    if (!l.remove(r)) {
                        continue;
                    }
                }
                Manager.fire(() -> r.handler.onEvent(e));
            }
        }
        if (pid != null) {
            List<JsonValue> args = p.args();
            if (!args.isEmpty() && args.get(args.size() - 1) instanceof JsonString offset) {
                lastOffset = offset.getString();
            }
        }
    }

    private void onClose(DisconnectReason reason) {
        connected = false;
        id = null;
        fireLifecycle(DISCONNECT, reason);
        // acks of packets that went out are lost with the connection; buffered ones wait for the next
        acks.entrySet().removeIf(en -> {
            PendingAck a = en.getValue();
            if (a.sent) {
                cancelTimer(a);
                a.future.completeExceptionally(new IllegalStateException("socket has been disconnected"));
                return true;
            }
            return false;
        });
    }

    private void destroy() {
        active = false;
        io.destroy(this);
    }

    private static void cancelTimer(PendingAck a) {
        if (a.timer != null) {
            a.timer.cancel(false);
        }
    }

    static Object bindFirst(SocketPacket p, Type type) {
        List<JsonValue> args = p.args();
        return ArgumentBinder.bind(p, args.isEmpty() ? null : args.get(0), type, "argument 1");
    }

    @Override
    public String toString() {
        return "Socket[" + nsp + (connected ? " " + id : " disconnected") + "]";
    }
}
