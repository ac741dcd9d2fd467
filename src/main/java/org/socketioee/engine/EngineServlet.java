package org.socketioee.engine;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where every Engine.IO HTTP request enters: the gate (transport, session id, method, protocol version, origin,
 * answered like Node's engine.io on failure), then polling GET/POST, or the upgrade of a WebSocket handshake to
 * {@link EngineWebSocketEndpoint} through the standard {@code ServerContainer.upgradeHttpToWebSocket}, or, with
 * {@code socketio.websocket=upgrade}, to our own framing through {@code HttpServletRequest.upgrade}
 * ({@link EngineWebSocketHandler}).
 */
final class EngineServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(EngineServlet.class.getName());
    private final transient EngineServer engine;

    EngineServlet(EngineServer engine) {
        this.engine = engine;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException {
        Map<String, List<String>> query = QueryString.parse(req.getQueryString());
        String origin = req.getHeader("Origin");
        String scheme = req.getScheme();
        String host = req.getHeader("Host");
        if ("OPTIONS".equals(req.getMethod())) {
            if (engine.origins().allows(origin, scheme, host)) {
                engine.origins().preflight(req, res);
            } else {
                error(res, EngineError.FORBIDDEN);
            }
            return;
        }
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
        EngineError err = engine.verify(req.getMethod(), query, origin, scheme, host, upgrade);
        if (err != null) {
            LOG.log(Level.DEBUG, "engine.io: {0} {1}?{2} refused: {3}", req.getMethod(), req.getRequestURI(),
                    req.getQueryString(), err.message());
            error(res, err);
            return;
        }
        engine.origins().addHeaders(req, res);
        String sid = QueryString.first(query, "sid");
        if (upgrade) {
            if (engine.options().upgradeWebSocket()) {
                EngineWebSocketHandler.accept(engine, req, res, handshake(req, query));
            } else {
                upgrade(req, res, handshake(req, query));
            }
            return;
        }
        if (sid == null) {
            engine.openPolling(handshake(req, query), req);
            return;
        }
        EngineSession session = engine.session(sid);
        PollingTransport polling = session == null ? null : session.pollingTransport();
        if (polling == null) {
            error(res, session == null ? EngineError.UNKNOWN_SID : EngineError.BAD_REQUEST);
        } else if ("GET".equals(req.getMethod())) {
            polling.onPoll(req);
        } else if ("POST".equals(req.getMethod())) {
            polling.onData(req, res);
        } else {
            error(res, EngineError.BAD_REQUEST);
        }
    }

    private void upgrade(HttpServletRequest req, HttpServletResponse res, Handshake handshake) throws IOException {
        ServerContainer container = engine.webSocketContainer();
        if (container == null) {
            error(res, EngineError.UNKNOWN_TRANSPORT);
            return;
        }
        EngineEndpointConfigurator.HANDSHAKE_IN_PROGRESS.set(handshake);
        EngineEndpointConfigurator.ENGINE_IN_PROGRESS.set(engine);
        try {
            container.upgradeHttpToWebSocket(req, res, engine.endpointConfig(container), Collections.emptyMap());
        } catch (DeploymentException e) {
            LOG.log(Level.WARNING, "websocket upgrade failed", e);
            if (!res.isCommitted()) {
                error(res, EngineError.BAD_REQUEST);
            }
        } finally {
            EngineEndpointConfigurator.HANDSHAKE_IN_PROGRESS.remove();
            EngineEndpointConfigurator.ENGINE_IN_PROGRESS.remove();
        }
    }

    static Handshake handshake(HttpServletRequest req, Map<String, List<String>> query) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        String url = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        return new Handshake(query, headers, req.getRemoteAddr(), url, req.isSecure(), Instant.now());
    }

    static void error(HttpServletResponse res, EngineError err) throws IOException {
        res.setStatus(err.httpStatus());
        res.setContentType("application/json");
        byte[] body = err.json().getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
