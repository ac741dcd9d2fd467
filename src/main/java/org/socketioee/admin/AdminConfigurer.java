package org.socketioee.admin;

import jakarta.servlet.ServletContext;
import org.socketioee.server.SocketIoBootstrap;
import org.socketioee.server.SocketIoConfigurer;
import org.socketioee.server.SocketIoServer;

/**
 * Turns the Admin UI on in the WAR when {@code socketio.admin.enabled} is true (context-param or system property;
 * off by default). Found by the container as every {@link SocketIoConfigurer}; configurers run in the order of
 * their class names, so this one runs before the application's classes under {@code org.socketioee}.
 */
public class AdminConfigurer implements SocketIoConfigurer {
    @Override
    public void configure(SocketIoServer io, ServletContext context) {
        AdminOptions options = AdminOptions.load(name -> SocketIoBootstrap.param(context, name));
        if (options != null) {
            AdminUi.instrument(io, options);
        }
    }
}
