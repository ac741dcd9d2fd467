package org.socketioee.client;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Options of a connection, with socket.io-client's names and defaults; immutable, built with the {@code with…}
 * methods from {@link #defaults()}:
 * <pre>{@code
 * ClientOptions.defaults().withAuth(Map.of("token", "abc")).withReconnectionDelay(Duration.ofMillis(500))
 * }</pre>
 *
 * @param path                 the server's request path, {@code /socket.io/}
 * @param transports           tried in order: the first that opens is used; default WebSocket, then polling
 *                             when the WebSocket handshake fails. Starting with polling upgrades to WebSocket
 *                             (when {@code upgrade} and the server offers it)
 * @param upgrade              whether to upgrade from polling to WebSocket
 * @param reconnection         whether to reconnect after losing the connection
 * @param reconnectionAttempts attempts before giving up ({@code reconnect_failed}); unlimited by default
 * @param reconnectionDelay    first delay; doubles at each attempt
 * @param reconnectionDelayMax largest delay
 * @param randomizationFactor  jitter: each delay is spread by ± this fraction (0 … 1)
 * @param timeout              connection timeout (Engine.IO handshake, before {@code connect_error})
 * @param autoConnect          whether {@link IO#socket} connects at once
 * @param forceNew             a new Manager (Engine.IO connection) instead of a cached one for the same server
 * @param multiplex            whether namespaces of the same server share one Manager
 * @param auth                 the CONNECT payload (a JSON object: Map, record, bean), asked for at each
 *                             connection; null for none
 * @param query                extra query parameters of the Engine.IO requests
 * @param extraHeaders         extra HTTP headers of the handshake and polling requests
 * @param ackTimeout           default timeout of {@code emitWithAck}; null for none
 * @param maxBufferedEmits     emits kept while disconnected (sent on connect); the oldest is dropped beyond.
 *                             Also the bound of the retry queue, beyond which new emits are refused
 * @param retries              0 (default): emits go out once. n &gt; 0: as socket.io-client's {@code retries},
 *                             every non-volatile emit asks for an acknowledgement and waits in a queue; the
 *                             queue sends one emit at a time, again after {@code ackTimeout} (or the emit's own
 *                             timeout) or a lost connection, up to n + 1 tries, so that each reaches the server
 *                             at least once and in order. The server must acknowledge every event
 * @param sslContext           for {@code https}/{@code wss} URLs: the TLS context of both transports (e.g. one
 *                             trusting a company CA); null (default) for the JVM's default context. Host names
 *                             are verified either way
 * @param withCredentials      as socket.io-client's {@code withCredentials} in Node: the Manager keeps the cookies
 *                             the server sets (e.g. a load balancer's sticky-session cookie) and sends them with
 *                             every polling request and WebSocket handshake, reconnections included; off by default
 */
public record ClientOptions(String path, List<Transport> transports, boolean upgrade, boolean reconnection,
                            int reconnectionAttempts, Duration reconnectionDelay, Duration reconnectionDelayMax,
                            double randomizationFactor, Duration timeout, boolean autoConnect, boolean forceNew,
                            boolean multiplex, Supplier<?> auth, Map<String, String> query,
                            Map<String, List<String>> extraHeaders, Duration ackTimeout, int maxBufferedEmits,
                            int retries, SSLContext sslContext, boolean withCredentials) {

    /** The Engine.IO transports. */
    public enum Transport { WEBSOCKET, POLLING }

    public ClientOptions {
        Objects.requireNonNull(path);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        transports = List.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no transport");
        }
        if (randomizationFactor < 0 || randomizationFactor > 1) {
            throw new IllegalArgumentException("randomizationFactor must be in [0, 1]");
        }
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        Map<String, List<String>> h = new LinkedHashMap<>();
        extraHeaders.forEach((k, v) -> h.put(k, List.copyOf(v)));
        extraHeaders = java.util.Collections.unmodifiableMap(h);
        auth = auth == null ? () -> null : auth;
    }

    public static ClientOptions defaults() {
        return new ClientOptions("/socket.io/", List.of(Transport.WEBSOCKET, Transport.POLLING), true, true,
                Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5, Duration.ofSeconds(20), true,
                false, true, null, Map.of(), Map.of(), null, 1000, 0, null, false);
    }

    public ClientOptions withPath(String p) {
        return with(c -> c.path = p);
    }

    public ClientOptions withTransports(Transport... t) {
        return with(c -> c.transports = List.of(t));
    }

    public ClientOptions withUpgrade(boolean u) {
        return with(c -> c.upgrade = u);
    }

    public ClientOptions withReconnection(boolean r) {
        return with(c -> c.reconnection = r);
    }

    public ClientOptions withReconnectionAttempts(int n) {
        return with(c -> c.reconnectionAttempts = n);
    }

    /** Delay, maximum delay and randomization factor of the exponential backoff. */
    public ClientOptions withReconnectionDelay(Duration delay, Duration max, double randomization) {
        return with(c -> {
            c.reconnectionDelay = delay;
            c.reconnectionDelayMax = max;
            c.randomizationFactor = randomization;
        });
    }

    public ClientOptions withTimeout(Duration t) {
        return with(c -> c.timeout = t);
    }

    public ClientOptions withAutoConnect(boolean a) {
        return with(c -> c.autoConnect = a);
    }

    public ClientOptions withForceNew(boolean f) {
        return with(c -> c.forceNew = f);
    }

    public ClientOptions withMultiplex(boolean m) {
        return with(c -> c.multiplex = m);
    }

    /** A fixed auth payload (a JSON object: Map, record, bean). */
    public ClientOptions withAuth(Object payload) {
        return withAuth(() -> payload);
    }

    /** An auth payload computed at each connection attempt (e.g. a fresh token); called on the event loop. */
    public ClientOptions withAuth(Supplier<?> payload) {
        return with(c -> c.auth = payload);
    }

    public ClientOptions withQuery(Map<String, String> q) {
        return with(c -> c.query = q);
    }

    /** Adds one extra HTTP header. */
    public ClientOptions withHeader(String name, String value) {
        return with(c -> {
            c.extraHeaders = new LinkedHashMap<>(c.extraHeaders);
            c.extraHeaders.put(name, List.of(value));
        });
    }

    public ClientOptions withAckTimeout(Duration d) {
        return with(c -> c.ackTimeout = d);
    }

    public ClientOptions withMaxBufferedEmits(int n) {
        return with(c -> c.maxBufferedEmits = n);
    }

    /** socket.io-client's {@code retries}: see the record's description; 0 turns the retry queue off. */
    public ClientOptions withRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
        return with(c -> c.retries = n);
    }

    /** The TLS context of {@code https}/{@code wss} connections; null for the JVM's default. */
    public ClientOptions withSslContext(SSLContext context) {
        return with(c -> c.sslContext = context);
    }

    /** Keep and send the server's cookies (sticky sessions behind a load balancer); see the record's description. */
    public ClientOptions withCredentials(boolean keepCookies) {
        return with(c -> c.withCredentials = keepCookies);
    }

    /** A copy with {@code change} applied to its components (validated again by the canonical constructor). */
    private ClientOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components of a ClientOptions, mutable: what the {@code with…} methods change. */
    private static final class Copy {
        String path;
        List<Transport> transports;
        boolean upgrade;
        boolean reconnection;
        int reconnectionAttempts;
        Duration reconnectionDelay;
        Duration reconnectionDelayMax;
        double randomizationFactor;
        Duration timeout;
        boolean autoConnect;
        boolean forceNew;
        boolean multiplex;
        Supplier<?> auth;
        Map<String, String> query;
        Map<String, List<String>> extraHeaders;
        Duration ackTimeout;
        int maxBufferedEmits;
        int retries;
        SSLContext sslContext;
        boolean withCredentials;

        Copy(ClientOptions o) {
            path = o.path;
            transports = o.transports;
            upgrade = o.upgrade;
            reconnection = o.reconnection;
            reconnectionAttempts = o.reconnectionAttempts;
            reconnectionDelay = o.reconnectionDelay;
            reconnectionDelayMax = o.reconnectionDelayMax;
            randomizationFactor = o.randomizationFactor;
            timeout = o.timeout;
            autoConnect = o.autoConnect;
            forceNew = o.forceNew;
            multiplex = o.multiplex;
            auth = o.auth;
            query = o.query;
            extraHeaders = o.extraHeaders;
            ackTimeout = o.ackTimeout;
            maxBufferedEmits = o.maxBufferedEmits;
            retries = o.retries;
            sslContext = o.sslContext;
            withCredentials = o.withCredentials;
        }

        ClientOptions build() {
            return new ClientOptions(path, transports, upgrade, reconnection, reconnectionAttempts, reconnectionDelay,
                    reconnectionDelayMax, randomizationFactor, timeout, autoConnect, forceNew, multiplex, auth, query,
                    extraHeaders, ackTimeout, maxBufferedEmits, retries, sslContext, withCredentials);
        }
    }
}
