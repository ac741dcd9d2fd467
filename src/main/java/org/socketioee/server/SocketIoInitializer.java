package org.socketioee.server;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;

import java.util.Set;

/**
 * Finds the application's {@link SocketNamespace} handler classes and {@link SocketIoConfigurer}s in the WAR
 * (the container scans for us: no registration code) and starts the server with them through
 * {@link SocketIoBootstrap}.
 */
@HandlesTypes({SocketNamespace.class, SocketIoConfigurer.class})
public class SocketIoInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        // started here, not in a listener: only initializers and declared listeners may add servlets
        SocketIoBootstrap bootstrap = new SocketIoBootstrap(classes == null ? Set.of() : classes);
        bootstrap.start(ctx);
        ctx.addListener(bootstrap); // for the shutdown
    }
}
