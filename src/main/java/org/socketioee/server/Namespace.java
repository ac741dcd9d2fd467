package org.socketioee.server;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.AdapterSocket;
import org.socketioee.adapter.EncodedFrames;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A namespace (Node's {@code Namespace}): its middlewares, connection listeners, connected sockets, and its
 * adapter, through which every broadcast and bulk operation goes.
 */
public class Namespace {
    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());

    private final SocketIoServer server;
    private final String name;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<BiConsumer<List<Object>, Ack>>> serverSideListeners = new ConcurrentHashMap<>();
    private final AtomicLong ackIds = new AtomicLong();

    Namespace(SocketIoServer server, String name) {
        this.server = server;
        this.name = name;
        this.adapter = server.options().newAdapter(new AdapterView());
    }

    /** The name, e.g. {@code "/"} or {@code "/chat"}; a child of a dynamic namespace has its own. */
    public String name() {
        return name;
    }

    /** The server this namespace belongs to. */
    public SocketIoServer server() {
        return server;
    }

    /** The adapter of this namespace (Node's {@code nsp.adapter}): rooms and fan-out, local or cluster-wide. */
    public Adapter adapter() {
        return adapter;
    }

    /** The sockets connected to this namespace on this node, by id. */
    public Map<String, Socket> sockets() {
        return java.util.Collections.unmodifiableMap(sockets);
    }

    /**
     * Adds a middleware run for each CONNECT, in the order added (Node's {@code nsp.use});
     * see {@link Middleware} for accepting, refusing and exceptions.
     */
    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /**
     * Called with each socket once connected (after the middlewares and the CONNECT answer), on the thread
     * that completed the last middleware. A listener that throws is logged; the socket stays connected.
     */
    public Namespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(listener);
        return this;
    }

    /**
     * Listens to {@code serverSideEmit(event, …)} from the other servers of the cluster: the listener gets the
     * arguments as plain Java values (never called on a single node). Node's {@code nsp.on(event, …)}.
     */
    public Namespace onServerSideEmit(String event, Consumer<List<Object>> listener) {
        return onServerSideEmitWithAck(event, (args, ack) -> listener.accept(args));
    }

    /**
     * As {@link #onServerSideEmit(String, Consumer)}, with the acknowledgement of a
     * {@link #serverSideEmitWithAck(String, Object...)} ({@link Ack#NONE} when the sender asked for none); only the
     * first argument of the first answer travels back, as in Node.
     */
    public Namespace onServerSideEmitWithAck(String event, BiConsumer<List<Object>, Ack> listener) {
        serverSideListeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(listener);
        return this;
    }

    // ---- broadcasting ----------------------------------------------------------------------------------------

    /** A broadcast to the sockets in any of {@code rooms} (each socket once). */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(this, Set.of(rooms), Set.of());
    }

    /** Same as {@link #to(String...)}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** A broadcast to every socket but those in {@code rooms}. */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(this, Set.of(), Set.of(rooms));
    }

    /** A broadcast dropped for each client that cannot take it at once (Node's {@code volatile}). */
    public BroadcastOperator asVolatile() {
        return all().asVolatile();
    }

    /** A broadcast to the sockets of this node only (meaningful with a cluster adapter). */
    public BroadcastOperator local() {
        return all().local();
    }

    /** Accepted for Node compatibility; has no effect (permessage-deflate is not negotiated). */
    public BroadcastOperator compress(boolean compress) {
        return all();
    }

    /** A broadcast whose {@link BroadcastOperator#emitWithAck} fails after {@code timeout}. */
    public BroadcastOperator timeout(Duration timeout) {
        return all().timeout(timeout);
    }

    private BroadcastOperator all() {
        return new BroadcastOperator(this, Set.of(), Set.of());
    }

    /** To every socket of the namespace. */
    public void emit(String event, Object... args) {
        all().emit(event, args);
    }

    /** Snapshots of every socket of the namespace, on every node of the cluster. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return all().fetchSockets();
    }

    /** Makes every socket of the namespace join {@code rooms}, on every node. */
    public CompletableFuture<Void> socketsJoin(String... rooms) {
        return all().socketsJoin(rooms);
    }

    /** Makes every socket of the namespace leave {@code rooms}, on every node. */
    public CompletableFuture<Void> socketsLeave(String... rooms) {
        return all().socketsLeave(rooms);
    }

    /** Disconnects every socket of the namespace; {@code close} closes their connections too. */
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        return all().disconnectSockets(close);
    }

    /** Emits to the other nodes of the cluster (nothing happens on a single node). */
    public CompletableFuture<List<Object>> serverSideEmit(String event, Object... args) {
        return adapter.serverSideEmit(PacketFactory.event(name, event, args), false);
    }

    /**
     * Emits to the other nodes and completes with one answer per other node (Node's {@code serverSideEmitWithAck});
     * fails when some did not answer within the adapter's request timeout (empty at once on a single node).
     */
    public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
        return adapter.serverSideEmit(PacketFactory.event(name, event, args), true);
    }

    long nextAckId() {
        return ackIds.getAndIncrement();
    }

    /** What the adapter sees of this namespace (the SPI stays off the public API). */
    private final class AdapterView implements AdapterNamespace {
        @Override
        public String name() {
            return name;
        }

        @Override
        public AdapterSocket socket(String id) {
            Socket s = sockets.get(id);
            return s == null ? null : s.adapterView();
        }

        @Override
        public long nextAckId() {
            return Namespace.this.nextAckId();
        }

        @Override
        public void onRemoteServerSideEmit(SocketPacket packet, Consumer<Object> ack) {
            List<BiConsumer<List<Object>, Ack>> ls = serverSideListeners.get(packet.eventName());
            if (ls == null) {
                return;
            }
            List<Object> args = packet.javaArgs();
            Ack once = ack == null ? Ack.NONE : new Ack() {
                private final java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();

                @Override
                public void send(Object... answer) {
                    if (sent.compareAndSet(false, true)) {
                        ack.accept(answer == null || answer.length == 0 ? null : answer[0]);
                    }
                }
            };
            for (BiConsumer<List<Object>, Ack> l : ls) {
                try {
                    l.accept(args, once);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "server-side listener failed in namespace " + name, e);
                }
            }
        }

        @Override
        public void forgetAck(long ackId) {
            Namespace.this.forgetAck(ackId);
        }
    }

    // ---- joining ---------------------------------------------------------------------------------------------

    /**
     * A client's CONNECT for this namespace: recovery first when it sent {@code pid} and {@code offset}, then the
     * middlewares, then the socket is connected and "connection" fires.
     */
    void add(Client client, Map<String, Object> auth) {
        var recovery = server.options().recovery();
        Object pid = auth == null ? null : auth.get("pid");
        Object offset = auth == null ? null : auth.get("offset");
        if (recovery != null && pid instanceof String p && offset instanceof String o) {
            adapter.restoreSession(p, o).whenComplete((session, err) -> {
                if (session != null) {
                    Socket socket = new Socket(this, client, auth, session);
                    if (recovery.skipMiddlewares()) {
                        connect(client, socket);
                    } else {
                        runMiddlewares(client, socket);
                    }
                } else {
                    runMiddlewares(client, new Socket(this, client, auth, null));
                }
            });
            return;
        }
        runMiddlewares(client, new Socket(this, client, auth, null));
    }

    private void runMiddlewares(Client client, Socket socket) {
        runMiddleware(0, client, socket);
    }

    private void runMiddleware(int i, Client client, Socket socket) {
        if (i >= middlewares.size()) {
            connect(client, socket);
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void accept() {
                if (done.compareAndSet(false, true)) {
                    runMiddleware(i + 1, client, socket);
                }
            }

            @Override
            public void reject(ConnectError error) {
                if (done.compareAndSet(false, true)) {
                    refuse(client, error);
                }
            }
        };
        try {
            middlewares.get(i).handle(socket, next);
        } catch (ConnectError e) {
            next.reject(e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "middleware failed in namespace " + name, e);
            next.reject(new ConnectError(e.getMessage() == null ? "middleware error" : e.getMessage()));
        }
    }

    private void refuse(Client client, ConnectError error) {
        LOG.log(Level.DEBUG, "namespace {0}: connection refused: {1}", name, error.getMessage());
        client.write(EncodedFrames.encode(PacketFactory.connectError(name, error.getMessage(), error.data())), false);
    }

    private void connect(Client client, Socket socket) {
        if (!client.session().isOpen()) {
            return; // the client left while the middlewares ran
        }
        sockets.put(socket.id(), socket);
        client.add(this, socket);
        socket.onConnect();
        for (Consumer<Socket> l : connectionListeners) {
            try {
                l.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "connection listener failed in namespace " + name, e);
            }
        }
    }

    /** A broadcast's acknowledgement timed out: the local sockets that were sent it stop waiting for it. */
    void forgetAck(long ackId) {
        for (Socket s : sockets.values()) {
            s.forgetAck(ackId);
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
    }

    Collection<Socket> localSockets() {
        return sockets.values();
    }

    void close(DisconnectReason reason) {
        for (Socket s : List.copyOf(sockets.values())) {
            s.onClose(reason);
        }
        adapter.close();
    }
}
