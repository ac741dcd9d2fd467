package org.socketioee.engine;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates one {@link EngineWebSocketEndpoint} per connection, bound to its {@link EngineServer}, and hands the
 * handshake to it through the per-session user properties.
 * <p>
 * In a servlet container the handshake was already verified and captured by {@link EngineServlet}, which calls the
 * upgrade on this same thread. Where the container deploys the annotated endpoint itself (Tyrus standalone), the
 * handshake is read from the {@link HandshakeRequest} here and verified when the socket opens.
 */
public class EngineEndpointConfigurator extends ServerEndpointConfig.Configurator {
    static final String HANDSHAKE = Handshake.class.getName();
    static final String VERIFIED = HANDSHAKE + ".verified";
    static final ThreadLocal<Handshake> HANDSHAKE_IN_PROGRESS = new ThreadLocal<>();
    /**
     * The server whose servlet is upgrading on this thread. Jetty creates the endpoint with a configurator of its
     * own making (the annotation's class, no-argument constructor), not the one of the config handed to
     * {@code upgradeHttpToWebSocket}; it does so on the upgrading thread.
     */
    static final ThreadLocal<EngineServer> ENGINE_IN_PROGRESS = new ThreadLocal<>();

    private final EngineServer engine;

    /** Used by containers that deploy the annotated endpoint: serves {@link EngineServer#useStandalone}. */
    public EngineEndpointConfigurator() {
        this(null);
    }

    EngineEndpointConfigurator(EngineServer engine) {
        this.engine = engine;
    }

    private EngineServer engine() {
        if (engine != null) {
            return engine;
        }
        EngineServer upgrading = ENGINE_IN_PROGRESS.get();
        return upgrading != null ? upgrading : EngineServer.standalone();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        EngineWebSocketEndpoint endpoint = new EngineWebSocketEndpoint(engine());
        if (endpointClass == ProgrammaticEngineEndpoint.class) { // Tyrus, see TyrusEndpoints
            return endpointClass.cast(new ProgrammaticEngineEndpoint(endpoint));
        }
        return endpointClass.cast(endpoint);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Handshake verified = HANDSHAKE_IN_PROGRESS.get();
        if (verified != null) {
            sec.getUserProperties().put(HANDSHAKE, verified);
            sec.getUserProperties().put(VERIFIED, Boolean.TRUE);
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String uri = String.valueOf(request.getRequestURI());
        sec.getUserProperties().put(HANDSHAKE, new Handshake(QueryString.parse(request.getQueryString()), headers,
                null, uri, uri.startsWith("wss:"), Instant.now()));
        sec.getUserProperties().put(VERIFIED, Boolean.FALSE);
    }

    /**
     * No extension, as Node's engine.io ({@code perMessageDeflate: false}). Containers accept permessage-deflate
     * when the client offers it (Tomcat does, and the Node and browser clients offer it): every frame would then be
     * compressed once per connection, undoing the encode-once broadcast, and each connection would keep a zlib
     * deflater and inflater (hundreds of KB of native memory).
     */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true; // the origin rule needs the Host header too: applied by the servlet gate or at open
    }
}
