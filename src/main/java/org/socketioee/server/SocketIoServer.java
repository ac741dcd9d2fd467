package org.socketioee.server;

import org.socketioee.engine.EngineServer;
import org.socketioee.engine.EngineSession;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Socket.IO server (Node's {@code Server}) on top of one {@link EngineServer}: namespaces, fixed and dynamic,
 * and shortcuts to the main namespace "/" ({@code io.emit}, {@code io.to}, {@code io.onConnection}...).
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.attach(engine);
 * io.onConnection(socket -> socket.on("chat message", e -> io.emit("chat message", e.arg(0, String.class))));
 * }</pre>
 */
public final class SocketIoServer {
    /** Servlet context attribute under which the WAR's server is published. */
    public static final String CONTEXT_ATTRIBUTE = SocketIoServer.class.getName();

    private final EngineServer engine;
    private final ServerOptions options;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
    private final List<Consumer<Namespace>> namespaceListeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionObserver> connectionObservers = new CopyOnWriteArrayList<>();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet(); // open connections, closed at shutdown
    private final ScheduledThreadPoolExecutor scheduler;
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ServerMetrics metrics = ServerMetrics.NONE;

    /**
     * A Socket.IO server on {@code engine}: takes over its connections, and closes with it. Its timer thread
     * (acknowledgement timeouts, connect timeout) stops in {@link #close()}.
     */
    public SocketIoServer(EngineServer engine, ServerOptions options) {
        this.engine = engine;
        this.options = options;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socket.io-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setRejectedExecutionHandler(new ScheduledThreadPoolExecutor.DiscardPolicy());
        of("/");
        engine.onConnection(this::onEngineConnection);
        engine.onShutdown(this::close); // the engine going away takes this server (and its timer thread) with it
    }

    /** A server with the default options on {@code engine}. */
    public static SocketIoServer attach(EngineServer engine) {
        return new SocketIoServer(engine, ServerOptions.defaults());
    }

    /** The WAR's server, as published by {@link SocketIoBootstrap}. */
    public static SocketIoServer from(jakarta.servlet.ServletContext ctx) {
        Object io = ctx.getAttribute(CONTEXT_ATTRIBUTE);
        if (io == null) {
            throw new IllegalStateException("no SocketIoServer in this web application");
        }
        return (SocketIoServer) io;
    }

    /** The options this server was created with. */
    public ServerOptions options() {
        return options;
    }

    /** The Engine.IO server underneath (sessions, transports, Engine.IO options). */
    public EngineServer engine() {
        return engine;
    }

    /** Where this server reports its metrics ({@link ServerMetrics#NONE} by default: {@code socketio.metrics.enabled}). */
    public void metrics(ServerMetrics metrics) {
        this.metrics = metrics == null ? ServerMetrics.NONE : metrics;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    private void onEngineConnection(EngineSession session) {
        new Client(this, session);
        for (ConnectionObserver o : connectionObservers) {
            o.onConnection(session);
        }
    }

    /**
     * Watches the Engine.IO connections under this server (Node's {@code io.engine.on("connection")} and the raw
     * socket's {@code packet}, {@code packetCreate} and {@code close}): what the Admin UI counts.
     */
    public SocketIoServer observeConnections(ConnectionObserver observer) {
        connectionObservers.add(observer);
        return this;
    }

    /** The observers, for the clients' packets; empty unless some instrumentation is on. */
    List<ConnectionObserver> connectionObservers() {
        return connectionObservers;
    }

    // ---- namespaces ------------------------------------------------------------------------------------------

    /** The namespace of that name, created on first use. */
    public Namespace of(String name) {
        return createNamespace(name.startsWith("/") ? name : "/" + name);
    }

    /** The namespaces that exist, by name, dynamic children included (Node's {@code io._nsps}); a live view. */
    public Map<String, Namespace> namespaces() {
        return java.util.Collections.unmodifiableMap(namespaces);
    }

    /**
     * Called with each namespace created from now on, dynamic children included, before anybody else listens to
     * it (Node's {@code io.on("new_namespace")}), on the thread that created it.
     */
    public SocketIoServer onNewNamespace(Consumer<Namespace> listener) {
        namespaceListeners.add(listener);
        return this;
    }

    /** Dynamic namespaces: any name the predicate accepts. */
    public ParentNamespace of(Predicate<String> matcher) {
        ParentNamespace p = new ParentNamespace(this, matcher);
        parents.add(p);
        return p;
    }

    /** Dynamic namespaces: any name the whole pattern matches. */
    public ParentNamespace of(Pattern pattern) {
        return of(name -> pattern.matcher(name).matches());
    }

    /** The main namespace "/". */
    public Namespace sockets() {
        return of("/");
    }

    Namespace createNamespace(String name) {
        Namespace existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        Namespace[] created = new Namespace[1];
        Namespace n = namespaces.computeIfAbsent(name, k -> created[0] = new Namespace(this, k));
        if (n == created[0]) { // told outside computeIfAbsent: a listener may create namespaces itself
            namespaceListeners.forEach(l -> l.accept(n));
        }
        return n;
    }

    /** The namespace a CONNECT asks for: an existing one, or a new child of a matching dynamic parent. */
    Namespace namespaceFor(String name) {
        Namespace n = namespaces.get(name);
        if (n != null) {
            return n;
        }
        for (ParentNamespace p : parents) {
            if (p.matches(name)) {
                return p.child(name);
            }
        }
        return null;
    }

    // ---- shortcuts to "/" --------------------------------------------------------------------------------------

    /** Connection listener of the main namespace "/" (see {@link Namespace#onConnection}). */
    public SocketIoServer onConnection(Consumer<Socket> listener) {
        sockets().onConnection(listener);
        return this;
    }

    /** Middleware of the main namespace "/" (see {@link Namespace#use}). */
    public SocketIoServer use(Middleware middleware) {
        sockets().use(middleware);
        return this;
    }

    /** To every socket of the main namespace "/". */
    public void emit(String event, Object... args) {
        sockets().emit(event, args);
    }

    /** A broadcast to rooms of the main namespace "/". */
    public BroadcastOperator to(String... rooms) {
        return sockets().to(rooms);
    }

    /** Same as {@link #to(String...)}. */
    public BroadcastOperator in(String... rooms) {
        return sockets().in(rooms);
    }

    /** A broadcast to the main namespace "/" except {@code rooms}. */
    public BroadcastOperator except(String... rooms) {
        return sockets().except(rooms);
    }

    /** A volatile broadcast to the main namespace "/" (Node's {@code io.volatile}). */
    public BroadcastOperator asVolatile() {
        return sockets().asVolatile();
    }

    /** A broadcast to this node's sockets of the main namespace "/". */
    public BroadcastOperator local() {
        return sockets().local();
    }

    /** A broadcast to "/" whose acknowledgements time out (see {@link BroadcastOperator#emitWithAck}). */
    public BroadcastOperator timeout(Duration timeout) {
        return sockets().timeout(timeout);
    }

    /** Snapshots of the sockets of the main namespace "/", on every node. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return sockets().fetchSockets();
    }

    /** Makes every socket of "/" join {@code rooms}. */
    public CompletableFuture<Void> socketsJoin(String... rooms) {
        return sockets().socketsJoin(rooms);
    }

    /** Makes every socket of "/" leave {@code rooms}. */
    public CompletableFuture<Void> socketsLeave(String... rooms) {
        return sockets().socketsLeave(rooms);
    }

    /** Disconnects every socket of "/"; {@code close} closes their connections too. */
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        return sockets().disconnectSockets(close);
    }

    /** To the other servers of the cluster, main namespace (see {@link Namespace#serverSideEmit}). */
    public CompletableFuture<List<Object>> serverSideEmit(String event, Object... args) {
        return sockets().serverSideEmit(event, args);
    }

    /** Disconnects every socket ("server shutting down") and closes every connection; later calls do nothing. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Client c : List.copyOf(clients)) {
            c.close(DisconnectReason.SERVER_SHUTTING_DOWN);
        }
        namespaces.values().forEach(n -> n.close(DisconnectReason.SERVER_SHUTTING_DOWN));
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS); // no thread outlives the webapp
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- shared by the layer -----------------------------------------------------------------------------------

    void addClient(Client c) {
        clients.add(c);
    }

    void removeClient(Client c) {
        clients.remove(c);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Socket ids and recovery pids: 120 random bits, like Engine.IO session ids and distinct from them. */
    String newId() {
        byte[] b = new byte[15];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
