package org.socketioee.examples;

import jakarta.servlet.ServletContext;
import org.socketioee.server.SocketIoConfigurer;
import org.socketioee.server.SocketIoServer;

import java.util.logging.Logger;

/** The Socket.IO "get started" chat, programmatic (shown in the README; tested by GetStartedTest). */
public class GetStartedProgrammatic implements SocketIoConfigurer {
    private static final Logger LOG = Logger.getLogger(GetStartedProgrammatic.class.getName());

    @Override
    public void configure(SocketIoServer io, ServletContext context) {
        io.of("/get-started-code").onConnection(socket -> {
            LOG.info("a user connected: " + socket.id());
            socket.on("chat message", event ->
                    io.of("/get-started-code").emit("chat message", event.arg(0, String.class)));
            socket.onDisconnect(reason -> LOG.info("user disconnected: " + socket.id() + " (" + reason + ")"));
        });
    }
}
