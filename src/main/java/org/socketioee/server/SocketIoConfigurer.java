package org.socketioee.server;

import jakarta.servlet.ServletContext;

/**
 * The programmatic entry point in a WAR: implementations are found at startup (like annotated handlers) and called
 * once with the server, to add middlewares, listeners and namespaces in code.
 */
public interface SocketIoConfigurer {
    void configure(SocketIoServer io, ServletContext context);
}
