package org.socketioee.engine;

import jakarta.servlet.ServletContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Engine.IO options of one deployment. Read from web.xml context-params named {@code socketio.<option>}, each
 * overridable by the system property of the same name; defaults are Node's.
 *
 * @param path               request path, with leading and trailing slash
 * @param pingInterval       ms between server pings
 * @param pingTimeout        ms the client has to answer a ping
 * @param maxPayload         largest polling body / WebSocket message accepted, in bytes
 * @param upgradeTimeout     ms a probing WebSocket has to complete the upgrade
 * @param allowedOrigins     cross-origin browser origins allowed; empty = same origin only; {@code *} = any
 * @param transports         transports offered ({@code polling}, {@code websocket})
 * @param maxBufferedPackets bound of each session's outgoing queue; overflow closes that session
 * @param maxBufferedBytes   bound of each session's outgoing queue in bytes (as sent: UTF-8 text, binary); overflow
 *                           closes that session
 * @param sendTimeout        ms a session's transport may take nothing from a non-empty outgoing queue (a
 *                           receiver that stopped reading) before the session is closed
 * @param webSocket          what carries WebSocket in a servlet container: {@code upgrade} (our own RFC 6455 framing
 *                           on the Servlet protocol upgrade, the default: measured cheaper per delivery and per
 *                           idle connection, README "Performance") or {@code endpoint} (the container's JSR 356
 *                           WebSocket); WebSocket-only containers deploy the endpoint whatever this says
 */
public record EngineOptions(String path, long pingInterval, long pingTimeout, int maxPayload, long upgradeTimeout,
                            List<String> allowedOrigins, Set<String> transports, int maxBufferedPackets,
                            long maxBufferedBytes, long sendTimeout, String webSocket, boolean webSocketInline) {

    public static final String POLLING = "polling";
    public static final String WEBSOCKET = "websocket";
    /** {@link #webSocket()}: the container's JSR 356 WebSocket ({@code @ServerEndpoint}). */
    public static final String WEBSOCKET_ENDPOINT = "endpoint";
    /** {@link #webSocket()}: our own framing on {@code HttpServletRequest.upgrade}. */
    public static final String WEBSOCKET_UPGRADE = "upgrade";

    public EngineOptions {
        path = normalizePath(path);
        allowedOrigins = List.copyOf(allowedOrigins);
        transports = Set.copyOf(transports);
        if (pingInterval <= 0 || pingTimeout <= 0 || maxPayload <= 0 || upgradeTimeout <= 0
                || maxBufferedPackets <= 0 || maxBufferedBytes <= 0 || sendTimeout <= 0) {
            throw new IllegalArgumentException("intervals, timeouts and sizes must be positive");
        }
        if (!WEBSOCKET_ENDPOINT.equals(webSocket) && !WEBSOCKET_UPGRADE.equals(webSocket)) {
            throw new IllegalArgumentException("socketio.websocket must be endpoint or upgrade: " + webSocket);
        }
        for (String t : transports) {
            if (!t.equals(POLLING) && !t.equals(WEBSOCKET)) {
                throw new IllegalArgumentException("unknown transport: " + t);
            }
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions("/socket.io/", 25_000, 20_000, 1_000_000, 10_000, List.of(),
                Set.of(POLLING, WEBSOCKET), 10_000, 4_000_000, 30_000, WEBSOCKET_UPGRADE, false);
    }

    /**
     * The options of a web application ({@link #load(UnaryOperator)} of its context-params), fitted to its
     * container: Jetty 12 (ee10 and ee11 alike, 12.1.12 tried) hands an upgraded connection an input that ends at
     * once, before any byte of the client's, so {@code upgrade} cannot carry WebSocket there; it falls back to
     * {@code endpoint}, with one WARNING line when {@code upgrade} was asked for by name, one INFO line when it was
     * the default.
     */
    public static EngineOptions load(ServletContext ctx) {
        EngineOptions o = load(ctx::getInitParameter);
        String server = String.valueOf(ctx.getServerInfo());
        if (o.upgradeWebSocket() && server.toLowerCase(Locale.ROOT).startsWith("jetty")) {
            // asked for by name: a WARNING; the default: said once at INFO (the listening line names it too)
            boolean asked = Stream.of(ctx.getInitParameter("socketio.websocket"),
                    System.getProperty("socketio.websocket")).anyMatch(v -> v != null && !v.isBlank());
            System.getLogger(EngineOptions.class.getName()).log(
                    asked ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "socketio.websocket=upgrade is not available on {0} (an upgraded connection''s input ends at once):"
                            + " WebSocket runs on the container''s endpoint", server);
            return o.withWebSocket(WEBSOCKET_ENDPOINT);
        }
        return o;
    }

    /**
     * Options from a lookup of {@code socketio.*} names (context-params), each overridden by a system property of
     * the same name when one is set (and not blank).
     */
    public static EngineOptions load(UnaryOperator<String> contextParams) {
        UnaryOperator<String> get = name -> {
            String v = System.getProperty(name);
            if (v == null || v.isBlank()) {
                v = contextParams.apply(name);
            }
            return v == null || v.isBlank() ? null : v.trim();
        };
        EngineOptions d = defaults();
        return new EngineOptions(
                orElse(get.apply("socketio.path"), d.path),
                longOr(get.apply("socketio.pingInterval"), d.pingInterval),
                longOr(get.apply("socketio.pingTimeout"), d.pingTimeout),
                (int) longOr(get.apply("socketio.maxPayload"), d.maxPayload),
                longOr(get.apply("socketio.upgradeTimeout"), d.upgradeTimeout),
                list(get.apply("socketio.cors.origins"), d.allowedOrigins),
                Set.copyOf(list(get.apply("socketio.transports"), List.copyOf(d.transports))),
                (int) longOr(get.apply("socketio.maxBufferedPackets"), d.maxBufferedPackets),
                longOr(get.apply("socketio.maxBufferedBytes"), d.maxBufferedBytes),
                longOr(get.apply("socketio.sendTimeout"), d.sendTimeout),
                orElse(get.apply("socketio.websocket"), d.webSocket),
                bool(get.apply("socketio.websocket.inline"), d.webSocketInline));
    }

    public EngineOptions withPath(String p) {
        return new EngineOptions(p, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins, transports,
                maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withHeartbeat(long interval, long timeout) {
        return new EngineOptions(path, interval, timeout, maxPayload, upgradeTimeout, allowedOrigins, transports,
                maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withMaxPayload(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, bytes, upgradeTimeout, allowedOrigins, transports,
                maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withUpgradeTimeout(long ms) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, ms, allowedOrigins, transports,
                maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withAllowedOrigins(String... origins) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, List.of(origins),
                transports, maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withTransports(String... names) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                Set.of(names), maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withMaxBufferedPackets(int n) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                transports, n, maxBufferedBytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withMaxBufferedBytes(long bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                transports, maxBufferedPackets, bytes, sendTimeout, webSocket, webSocketInline);
    }

    public EngineOptions withSendTimeout(long ms) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                transports, maxBufferedPackets, maxBufferedBytes, ms, webSocket, webSocketInline);
    }

    /** With {@code kind}: {@link #WEBSOCKET_ENDPOINT} or {@link #WEBSOCKET_UPGRADE}. */
    public EngineOptions withWebSocket(String kind) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                transports, maxBufferedPackets, maxBufferedBytes, sendTimeout, kind, webSocketInline);
    }

    /** With the reads of upgraded WebSocket connections on Tomcat's poller thread, or not (the default). */
    public EngineOptions withWebSocketInline(boolean on) {
        return new EngineOptions(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                transports, maxBufferedPackets, maxBufferedBytes, sendTimeout, webSocket, on);
    }

    /** Whether WebSocket handshakes are upgraded to our own framing instead of the container's endpoint. */
    public boolean upgradeWebSocket() {
        return WEBSOCKET_UPGRADE.equals(webSocket);
    }

    private static String normalizePath(String p) {
        String s = p == null || p.isBlank() ? "/socket.io/" : p.trim();
        if (!s.startsWith("/")) {
            s = "/" + s;
        }
        return s.endsWith("/") ? s : s + "/";
    }

    private static String orElse(String v, String d) {
        return v != null ? v : d;
    }

    private static long longOr(String v, long d) {
        if (v == null) {
            return d;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v, e);
        }
    }

    private static boolean bool(String v, boolean d) {
        if (v == null) {
            return d;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("not true or false: " + v);
    }

    private static List<String> list(String v, List<String> d) {
        if (v == null) {
            return d;
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
