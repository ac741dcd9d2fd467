package org.socketioee.engine;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.ws.PollerDispatch;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

/**
 * The Engine.IO server of one path: it verifies requests the way Node's engine.io does, opens sessions and keeps
 * them by id. Knows nothing of Socket.IO; the layer above registers a {@link ConnectionListener}.
 * <p>
 * In a servlet container, {@link #attach(ServletContext)} maps {@link EngineServlet} at the path: polling
 * requests are served there, WebSocket handshakes pass the same checks and are then upgraded to
 * {@link EngineWebSocketEndpoint}, or with {@code socketio.websocket=upgrade} to our own framing
 * ({@link EngineWebSocketHandler}).
 */
public final class EngineServer {
    private static final System.Logger LOG = System.getLogger(EngineServer.class.getName());
    /** Servlet context attribute under which {@link EngineBootstrap} publishes the main server. */
    public static final String CONTEXT_ATTRIBUTE = EngineServer.class.getName();
    private static volatile EngineServer standalone;

    private final EngineOptions options;
    private final OriginPolicy origins;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final SecureRandom random = new SecureRandom();
    /** Run by {@link #shutdown()} before the sessions close: the layers built on this server stop first. */
    private final List<Runnable> shutdownHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ConnectionListener connectionListener;
    private volatile EngineMetrics metrics = EngineMetrics.NONE;
    private volatile ServletContext servletContext;
    private final ServerEndpointConfig endpointConfig;
    private ServerEndpointConfig tyrusEndpointConfig; // guarded by this

    public EngineServer(EngineOptions options) {
        this.options = options;
        this.origins = new OriginPolicy(options.allowedOrigins());
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "engine.io-timer " + options.path());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true); // cancelled heartbeats must not pile up
        // after shutdown, timers of sessions still closing are dropped instead of throwing into container threads
        scheduler.setRejectedExecutionHandler(new ScheduledThreadPoolExecutor.DiscardPolicy());
        ServerEndpoint ann = EngineWebSocketEndpoint.class.getAnnotation(ServerEndpoint.class);
        this.endpointConfig = ServerEndpointConfig.Builder.create(EngineWebSocketEndpoint.class, options.path())
                .encoders(List.of(ann.encoders()))
                .decoders(List.of(ann.decoders()))
                .configurator(new EngineEndpointConfigurator(this))
                .build();
    }

    public EngineOptions options() {
        return options;
    }

    /** Where this server reports its metrics ({@link EngineMetrics#NONE} by default). */
    public void metrics(EngineMetrics metrics) {
        this.metrics = metrics == null ? EngineMetrics.NONE : metrics;
    }

    EngineMetrics metrics() {
        return metrics;
    }

    public void onConnection(ConnectionListener listener) {
        this.connectionListener = listener;
    }

    /** {@code hook} runs when {@link #shutdown()} starts, before the sessions are closed. */
    public void onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
    }

    public EngineSession session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /**
     * The sessions of this server, as a live view. A session is in it from a moment before its open (its id is
     * taken first), so one may still have no transport ({@link EngineSession#transportName()} null).
     */
    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Serves this server's path in a servlet context (called from a listener or initializer at startup). */
    public void attach(ServletContext ctx) {
        ServletRegistration.Dynamic reg = ctx.addServlet("engine.io " + options.path(), new EngineServlet(this));
        if (reg == null) {
            throw new IllegalStateException("a servlet for " + options.path() + " is already registered");
        }
        reg.setAsyncSupported(true);
        reg.setLoadOnStartup(1);
        reg.addMapping(options.path() + "*");
        servletContext = ctx; // the WebSocket container is looked up at the first upgrade: it may start after us
        boolean inline = options.upgradeWebSocket() && options.webSocketInline();
        LOG.log(Level.INFO, "engine.io listening at {0} (pingInterval={1}, pingTimeout={2}, maxPayload={3}, "
                        + "transports={4}, origins={5}, websocket={6}{7})", options.path(), options.pingInterval(),
                options.pingTimeout(), options.maxPayload(), options.transports(),
                options.allowedOrigins().isEmpty() ? "same-origin" : options.allowedOrigins(), options.webSocket(),
                inline ? ", inline" : "");
        if (inline) {
            shutdownHooks.add(PollerDispatch.install(ctx));
        }
    }

    /** Runs the shutdown hooks, closes every session left ("forced close") and stops the timers. */
    public void shutdown() {
        for (Runnable hook : shutdownHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "engine.io shutdown hook failed", e);
            }
        }
        for (EngineSession s : List.copyOf(sessions.values())) {
            s.onClose(CloseReason.FORCED_CLOSE);
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS); // no thread outlives the webapp
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (standalone == this) {
            standalone = null;
        }
    }

    /**
     * Makes this server the one that {@link EngineWebSocketEndpoint} serves when a WebSocket container deploys
     * the annotated class itself (no servlet container, e.g. the Tyrus standalone server).
     */
    public static void useStandalone(EngineServer server) {
        standalone = server;
    }

    static EngineServer standalone() {
        EngineServer s = standalone;
        if (s == null) {
            throw new IllegalStateException("no EngineServer: call EngineServer.useStandalone(...) first");
        }
        return s;
    }

    // ---- used by the transports ------------------------------------------------------------------------------

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    OriginPolicy origins() {
        return origins;
    }

    ServerEndpointConfig endpointConfig() {
        return endpointConfig;
    }

    /** The config to upgrade with in {@code container}: ours, or on Tyrus the one registered with it. */
    ServerEndpointConfig endpointConfig(ServerContainer container) throws jakarta.websocket.DeploymentException {
        if (!TyrusEndpoints.isTyrus(container)) {
            return endpointConfig;
        }
        synchronized (this) {
            if (tyrusEndpointConfig == null) {
                tyrusEndpointConfig = TyrusEndpoints.register(container, endpointConfig, options.path());
            }
            return tyrusEndpointConfig;
        }
    }

    /** The container's WebSocket server (JSR 356), or null when the servlet container has none. */
    ServerContainer webSocketContainer() {
        ServletContext ctx = servletContext;
        return ctx == null ? null : (ServerContainer) ctx.getAttribute(ServerContainer.class.getName());
    }

    /**
     * Node's {@code verify()} and handshake checks, in Node's order: transport, session id and transport match,
     * handshake method, protocol version, origin. Returns null when the request may proceed.
     */
    EngineError verify(String method, Map<String, List<String>> query, String origin, String scheme, String host,
                       boolean upgrade) {
        String transport = QueryString.first(query, "transport");
        if (transport == null || !options.transports().contains(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        if (!origins.allows(origin, scheme, host)) {
            return EngineError.FORBIDDEN;
        }
        String sid = QueryString.first(query, "sid");
        if (sid != null) {
            EngineSession s = sessions.get(sid);
            if (s == null) {
                return EngineError.UNKNOWN_SID;
            }
            boolean wsUpgrade = upgrade && EngineOptions.WEBSOCKET.equals(transport);
            if (!wsUpgrade && !transport.equals(s.transportName())) {
                return EngineError.BAD_REQUEST; // e.g. polling after the session upgraded
            }
            return null;
        }
        if (!"GET".equals(method)) {
            return EngineError.BAD_HANDSHAKE_METHOD;
        }
        if (!"4".equals(QueryString.first(query, "EIO"))) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        if (EngineOptions.WEBSOCKET.equals(transport) && !upgrade) {
            return EngineError.BAD_REQUEST;
        }
        return null;
    }

    /** What {@link #onConnection} registered, or null. */
    ConnectionListener connectionListener() {
        return connectionListener;
    }

    /** A polling handshake: a new session whose open packet answers this very GET. */
    EngineSession openPolling(Handshake handshake, jakarta.servlet.http.HttpServletRequest req) {
        EngineSession session = newSession(handshake);
        PollingTransport polling = firstTransport(session, s -> {
            PollingTransport p = new PollingTransport(s);
            p.onPoll(req);
            return p;
        });
        session.open(polling, connectionListener);
        return session;
    }

    /**
     * A WebSocket connected: a new session, or the probe of an upgrade when the handshake carries a sid. Returns
     * the transport made by {@code transportFor}, or null when the socket must be refused (the caller closes it).
     */
    <T extends WebSocketTransport> T openWebSocket(Handshake handshake, Function<EngineSession, T> transportFor) {
        String sid = handshake.queryParam("sid");
        if (sid == null) {
            EngineSession session = newSession(handshake);
            T t = firstTransport(session, transportFor);
            session.open(t, connectionListener);
            return t;
        }
        EngineSession session = sessions.get(sid);
        T t = session == null ? null : transportFor.apply(session);
        if (t == null || !session.startUpgrade(t)) {
            // only one WebSocket per session, and only to upgrade from polling
            LOG.log(Level.DEBUG, "engine.io: refused websocket for sid {0}", sid);
            return null;
        }
        return t;
    }

    /** The new session's first transport, made by {@code make}; when that throws, the session is removed. */
    private <T extends Transport> T firstTransport(EngineSession session, Function<EngineSession, T> make) {
        try {
            return make.apply(session);
        } catch (RuntimeException e) {
            remove(session); // never opened: it must not hold its id (and a shutdown's attention)
            throw e;
        }
    }

    private EngineSession newSession(Handshake handshake) {
        while (true) {
            EngineSession s = new EngineSession(newId(), this, handshake);
            if (sessions.putIfAbsent(s.id(), s) == null) {
                return s;
            }
        }
    }

    /** 15 random bytes (120 bits) from SecureRandom, base64url: 20 characters, like Node's base64id. */
    private String newId() {
        byte[] b = new byte[15];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    void remove(EngineSession s) {
        sessions.remove(s.id(), s);
    }

}
