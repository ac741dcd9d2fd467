package org.socketioee.client;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.parser.EncodedPacket;
import org.socketioee.parser.PacketDecoder;
import org.socketioee.parser.PacketEncoder;
import org.socketioee.parser.SocketPacket;
import org.socketioee.parser.SocketParseException;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One Engine.IO connection to a server, shared by the {@link Socket}s of its namespaces (socket.io-client's
 * Manager): opens it, decodes and routes packets by namespace, reconnects with exponential backoff and jitter.
 * <p>
 * <b>Threads.</b> Each Manager owns one event-loop thread ({@code socketio-client-N}, a daemon that ends after
 * an idle second and is recreated on demand); the threads its transports use are shared with the other open
 * Managers and end when the last one is closed ({@link ClientRuntime}). All protocol work and <em>every</em> callback of this Manager
 * and of its Sockets (event listeners, lifecycle listeners, the completion of {@code emitWithAck} futures when
 * completed by an answer or a timeout) run on it, one at a time, in the order things happened. Do not block
 * there: a blocked listener holds up every packet and the heartbeat of the connection (long enough, the server
 * closes it with "ping timeout"). In particular never wait for an {@code emitWithAck} future from a listener
 * ({@code get()}/{@code join()} deadlock until the timeout); chain it ({@code thenAccept}) or hand work to your
 * own executor ({@code thenAcceptAsync(…, executor)}). The public methods are safe to call from any thread: they
 * hand their work to the event loop.
 */
public final class Manager {
    private static final System.Logger LOG = System.getLogger(Manager.class.getName());
    private static final AtomicInteger LOOPS = new AtomicInteger();

    private enum ReadyState { CLOSED, OPENING, OPEN }

    final URI uri;
    final ClientOptions options;
    /** The server's cookies, kept across reconnections when {@link ClientOptions#withCredentials()}; else null. */
    private final CookieManager cookies;
    final ScheduledThreadPoolExecutor loop;
    private final Map<String, Socket> nsps = new ConcurrentHashMap<>();
    private final List<Runnable> openListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CloseReason>> closeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> errorListeners = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> reconnectAttemptListeners = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> reconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> reconnectErrorListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectFailedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> upgradeListeners = new CopyOnWriteArrayList<>();

    // event loop only
    private final Backoff backoff;
    private final java.util.Set<Socket> active = new java.util.LinkedHashSet<>();
    private ReadyState state = ReadyState.CLOSED;
    private EngineClient engine;
    private PacketDecoder decoder;
    private Consumer<Throwable> openCallback;
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> reconnectTimer;
    private boolean reconnecting;
    private boolean skipReconnect;
    private volatile String transportName;
    private volatile boolean open;
    /** Held from the first open until closed for good (closed and not reconnecting); null otherwise. */
    private ClientRuntime runtime;
    /** Engines closed by {@link #closeEngine} whose transports are not closed yet: they still use the runtime. */
    private int enginesClosing;

    /** A manager for the server at {@code uri} (scheme, host and port are used; the namespace is per socket). */
    public Manager(URI uri, ClientOptions options) {
        this.uri = uri;
        this.options = options;
        this.cookies = options.withCredentials() ? new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER) : null;
        this.backoff = new Backoff(options.reconnectionDelay().toMillis(), options.reconnectionDelayMax().toMillis(),
                options.randomizationFactor());
        int n = LOOPS.incrementAndGet();
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socketio-client-" + n);
            t.setDaemon(true);
            return t;
        });
        loop.setKeepAliveTime(1, TimeUnit.SECONDS);
        loop.allowCoreThreadTimeOut(true);
        loop.setRemoveOnCancelPolicy(true);
    }

    public URI uri() {
        return uri;
    }

    public ClientOptions options() {
        return options;
    }

    /** The socket of a namespace, with the options' auth; one per namespace and manager. */
    public Socket socket(String namespace) {
        return socket(namespace, options.auth());
    }

    /** The socket of a namespace with its own auth payload (computed at each connection attempt). */
    public Socket socket(String namespace, java.util.function.Supplier<?> auth) {
        String nsp = namespace == null || namespace.isEmpty() ? "/" : namespace.startsWith("/") ? namespace : "/" + namespace;
        return nsps.computeIfAbsent(nsp, k -> new Socket(this, k, auth));
    }

    boolean hasNamespace(String nsp) {
        return nsps.containsKey(nsp);
    }

    /** Opens the connection (done by {@link Socket#connect()}); no-op when open or opening. */
    public Manager open() {
        post(() -> openInternal(null));
        return this;
    }

    /** Closes the connection and stops reconnecting; the sockets disconnect with "io client disconnect". */
    public void close() {
        post(this::closeInternal);
    }

    /** Whether the Engine.IO connection is open. */
    public boolean isOpen() {
        return open;
    }

    /** The current transport: "websocket" or "polling" (null when closed). */
    public String transport() {
        return transportName;
    }

    // ---- listeners (socket.io-client's manager events)

    public Manager onOpen(Runnable l) {
        openListeners.add(l);
        return this;
    }

    /** The Engine.IO connection closed, with engine.io-client's reason ("transport close", "ping timeout" …). */
    public Manager onClose(Consumer<CloseReason> l) {
        closeListeners.add(l);
        return this;
    }

    /** A connection attempt failed. */
    public Manager onError(Consumer<Throwable> l) {
        errorListeners.add(l);
        return this;
    }

    /** Before each reconnection attempt, with its number (1, 2, …). */
    public Manager onReconnectAttempt(IntConsumer l) {
        reconnectAttemptListeners.add(l);
        return this;
    }

    /** Reconnected, with the number of attempts it took. */
    public Manager onReconnect(IntConsumer l) {
        reconnectListeners.add(l);
        return this;
    }

    public Manager onReconnectError(Consumer<Throwable> l) {
        reconnectErrorListeners.add(l);
        return this;
    }

    /** Gave up after {@link ClientOptions#reconnectionAttempts()}. */
    public Manager onReconnectFailed(Runnable l) {
        reconnectFailedListeners.add(l);
        return this;
    }

    /** The transport was upgraded (polling → "websocket"). */
    public Manager onUpgrade(Consumer<String> l) {
        upgradeListeners.add(l);
        return this;
    }

    // ---- event loop

    void post(Runnable r) {
        loop.execute(() -> {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "socket.io client: error on the event loop", e);
            }
        });
    }

    ScheduledFuture<?> schedule(Runnable r, long ms) {
        return loop.schedule(() -> post(r), ms, TimeUnit.MILLISECONDS);
    }

    static void fire(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "socket.io client: a listener threw", e);
        }
    }

    boolean isOpenOnLoop() {
        return state == ReadyState.OPEN;
    }

    boolean isReconnecting() {
        return reconnecting;
    }

    boolean writable() {
        return engine != null && engine.writable();
    }

    void register(Socket s) {
        active.add(s);
    }

    /** A socket left (disconnect, refused, server disconnect): the connection closes with the last one. */
    void destroy(Socket s) {
        active.remove(s);
        if (active.isEmpty()) {
            closeInternal();
        }
    }

    void openInternal(Consumer<Throwable> callback) {
        if (state != ReadyState.CLOSED) {
            return;
        }
        state = ReadyState.OPENING;
        skipReconnect = false;
        openCallback = callback;
        if (runtime == null) {
            runtime = ClientRuntime.acquire();
        }
        EngineClient e = new EngineClient(options, uri, loop, new EngineClient.Listener() {
            @Override
            public void onEngineOpen(EngineClient ec) {
                if (ec == engine) {
                    engineOpened();
                }
            }

            @Override
            public void onEngineMessage(EngineClient ec, Object data) {
                if (ec == engine) {
                    message(data);
                }
            }

            @Override
            public void onEngineError(EngineClient ec, Throwable cause) {
                if (ec == engine) {
                    openFailed(cause);
                }
            }

            @Override
            public void onEngineUpgrade(EngineClient ec, String transport) {
                if (ec == engine) {
                    transportName = transport;
                    upgradeListeners.forEach(l -> fire(() -> l.accept(transport)));
                }
            }

            @Override
            public void onEngineClose(EngineClient ec, CloseReason reason, Throwable cause) {
                if (ec == engine) {
                    engineClosed(reason);
                }
            }
        }, cookies, runtime);
        engine = e;
        long timeout = options.timeout().toMillis();
        connectTimer = schedule(() -> {
            if (engine == e && state == ReadyState.OPENING) {
                closeEngine(e);
                openFailed(new TimeoutException("connection timeout after " + timeout + " ms"));
            }
        }, timeout);
        e.open();
    }

    private void engineOpened() {
        cancel(connectTimer);
        state = ReadyState.OPEN;
        open = true;
        transportName = engine.transportName();
        decoder = new PacketDecoder();
        openListeners.forEach(Manager::fire);
        for (Socket s : List.copyOf(active)) {
            s.onManagerOpen();
        }
        Consumer<Throwable> cb = openCallback;
        openCallback = null;
        if (cb != null) {
            cb.accept(null);
        }
    }

    private void openFailed(Throwable cause) {
        cancel(connectTimer);
        state = ReadyState.CLOSED;
        engine = null;
        open = false;
        transportName = null;
        errorListeners.forEach(l -> fire(() -> l.accept(cause)));
        for (Socket s : List.copyOf(active)) {
            s.onManagerError(cause);
        }
        Consumer<Throwable> cb = openCallback;
        openCallback = null;
        if (cb != null) {
            cb.accept(cause);
        } else if (!reconnecting && options.reconnection() && backoff.attempts() == 0 && !skipReconnect) {
            reconnect();
        }
        releaseIfDone();
    }

    private void message(Object data) {
        SocketPacket p;
        try {
            p = data instanceof String s ? decoder.decode(s) : decoder.decode((byte[]) data);
        } catch (SocketParseException ex) {
            LOG.log(System.Logger.Level.WARNING, "socket.io client: parse error: " + ex.getMessage());
            closeEngine(engine);
            engineClosed(CloseReason.PARSE_ERROR);
            return;
        }
        if (p == null) {
            return;
        }
        Socket s = nsps.get(p.namespace());
        if (s != null) {
            s.onPacket(p);
        }
    }

    /** Sends a packet and its attachments, in order. */
    void packet(SocketPacket p) {
        if (engine == null || state != ReadyState.OPEN) {
            return;
        }
        EncodedPacket enc = PacketEncoder.encode(p);
        engine.send(enc.text());
        for (byte[] b : enc.attachments()) {
            engine.send(b);
        }
    }

    private void engineClosed(CloseReason reason) {
        cancel(connectTimer);
        engine = null;
        if (decoder != null) {
            decoder.reset();
        }
        backoff.reset();
        state = ReadyState.CLOSED;
        open = false;
        transportName = null;
        closeListeners.forEach(l -> fire(() -> l.accept(reason)));
        DisconnectReason r = DisconnectReason.of(reason);
        for (Socket s : nsps.values()) {
            s.onManagerClose(r);
        }
        if (options.reconnection() && !skipReconnect) {
            reconnect();
        }
        releaseIfDone();
    }

    /**
     * Closed and not about to reconnect: the shared threads are given back (after the engine's close, which hands
     * the WebSocket's close to them); the last Manager to do so stops them. Opening again takes them back.
     */
    private void releaseIfDone() {
        if (state == ReadyState.CLOSED && !reconnecting && runtime != null && enginesClosing == 0) {
            ClientRuntime r = runtime;
            runtime = null;
            r.release();
        }
    }

    /**
     * Closes an engine on purpose. An open one sends its CLOSE packet first and closes its transport up to half a
     * second later, on the runtime's threads: the runtime is not given back before (releasing it at once let the
     * last Manager's runtime stop first, and that WebSocket's close, refused, left its Grizzly threads running).
     */
    private void closeEngine(EngineClient e) {
        enginesClosing++;
        e.close(() -> {
            enginesClosing--;
            releaseIfDone();
        });
    }

    private void closeInternal() {
        skipReconnect = true;
        reconnecting = false;
        cancel(reconnectTimer);
        cancel(connectTimer);
        backoff.reset();
        EngineClient e = engine;
        engine = null;
        boolean wasOpen = state == ReadyState.OPEN;
        state = ReadyState.CLOSED;
        open = false;
        transportName = null;
        openCallback = null;
        if (e != null) {
            closeEngine(e);
        }
        if (wasOpen) {
            closeListeners.forEach(l -> fire(() -> l.accept(CloseReason.FORCED_CLOSE)));
            for (Socket s : nsps.values()) {
                s.onManagerClose(DisconnectReason.IO_CLIENT_DISCONNECT);
            }
        }
        releaseIfDone();
        IO.forget(this);
    }

    private void reconnect() {
        if (reconnecting || skipReconnect) {
            return;
        }
        if (backoff.attempts() >= options.reconnectionAttempts()) {
            backoff.reset();
            reconnecting = false;
            reconnectFailedListeners.forEach(Manager::fire);
            releaseIfDone();
            return;
        }
        long delay = backoff.duration();
        reconnecting = true;
        reconnectTimer = schedule(() -> {
            if (skipReconnect) {
                return;
            }
            int attempt = backoff.attempts();
            reconnectAttemptListeners.forEach(l -> fire(() -> l.accept(attempt)));
            if (skipReconnect) {
                return;
            }
            openInternal(err -> {
                if (err != null) {
                    reconnecting = false;
                    reconnect();
                    reconnectErrorListeners.forEach(l -> fire(() -> l.accept(err)));
                } else {
                    int attempts = backoff.attempts();
                    reconnecting = false;
                    backoff.reset();
                    reconnectListeners.forEach(l -> fire(() -> l.accept(attempts)));
                }
            });
        }, delay);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "Manager[" + uri + options.path() + ", " + (open ? "open, " + transportName : "closed") + "]";
    }
}
