package org.socketioee.engine;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.UUID;

/**
 * The one container quirk of the endpoint transport's upgrade: Tyrus (the WebSocket of GlassFish) uses only the path
 * of the config given to {@code upgradeHttpToWebSocket}: it runs the handshake of the endpoint registered with its
 * engine under that path, and answers any other with nothing at all (an empty 200). So the endpoint is registered
 * with it once, at the first upgrade (registration through {@code addEndpoint} is closed by then, and at our startup
 * Tyrus has not started), under a path of its own that no client knows: Tyrus's filter, mapped to every path, would
 * otherwise take the handshakes of the public path itself, before {@link EngineServlet} checks them. (A client that
 * found the path would still meet the checks: its handshake, not verified by the servlet, is verified at open.)
 * <p>
 * It is registered as {@link ProgrammaticEngineEndpoint}: Tyrus 2.2 registers an annotated class by its annotation
 * alone, at the annotation's path ({@code /socket.io/}, the public one) with a configurator of the annotation's class
 * made by its no-argument constructor, which knows no {@link EngineServer}.
 */
final class TyrusEndpoints {
    private TyrusEndpoints() {
    }

    static boolean isTyrus(ServerContainer container) {
        return container.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    /**
     * Registers a copy of {@code config} under a secret path below {@code path}, for {@link ProgrammaticEngineEndpoint}
     * (same encoders, decoders and configurator); returns the copy.
     */
    static ServerEndpointConfig register(ServerContainer container, ServerEndpointConfig config, String path)
            throws DeploymentException {
        // a programmatic endpoint: of an annotated class, Tyrus would take the path and configurator of the
        // annotation, not of this config (registered at the public path, reached without the servlet's gate)
        ServerEndpointConfig secret = ServerEndpointConfig.Builder
                .create(ProgrammaticEngineEndpoint.class, path + ".upgrade-" + UUID.randomUUID())
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .configurator(config.getConfigurator())
                .build();
        // TyrusServerContainer.register(ServerEndpointConfig), public, on a class the container's own (an anonymous
        // subclass) is not: looked up on the first public class of its hierarchy
        for (Class<?> k = container.getClass(); k != null; k = k.getSuperclass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                continue;
            }
            Method register;
            try {
                register = k.getMethod("register", ServerEndpointConfig.class);
            } catch (NoSuchMethodException e) {
                continue;
            }
            try {
                register.invoke(container, secret);
                return secret;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof DeploymentException de) {
                    throw de;
                }
                throw new DeploymentException("Tyrus refused the endpoint", e.getCause());
            } catch (IllegalAccessException e) {
                throw new DeploymentException("Tyrus's register is not accessible", e);
            }
        }
        throw new DeploymentException("no register(ServerEndpointConfig) on " + container.getClass().getName());
    }
}
