package org.socketioee.engine;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the container from deploying {@link EngineWebSocketEndpoint} by its annotation when it scans the WAR:
 * in a servlet container the endpoint is reached only through {@link EngineServlet}, after the handshake checks,
 * at the configured path. Other annotated endpoints of the application are deployed as usual. (An application
 * with its own ServerApplicationConfig must leave this class out of what it returns too.)
 */
public class EngineApplicationConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned.stream().filter(c -> c != EngineWebSocketEndpoint.class).collect(Collectors.toSet());
    }
}
