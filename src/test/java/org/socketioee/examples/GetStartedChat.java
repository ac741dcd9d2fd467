package org.socketioee.examples;

import org.socketioee.server.DisconnectReason;
import org.socketioee.server.OnConnect;
import org.socketioee.server.OnDisconnect;
import org.socketioee.server.OnEvent;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;
import org.socketioee.server.SocketNamespace;

import java.util.logging.Logger;

/** The Socket.IO "get started" chat, annotated (shown in the README; tested by GetStartedTest). */
@SocketNamespace("/get-started")
public class GetStartedChat {
    private static final Logger LOG = Logger.getLogger(GetStartedChat.class.getName());
    private final SocketIoServer io;

    public GetStartedChat(SocketIoServer io) {
        this.io = io;
    }

    @OnConnect
    public void connected(Socket socket) {
        LOG.info("a user connected: " + socket.id());
    }

    @OnEvent("chat message")
    public void chatMessage(String msg) {
        io.of("/get-started").emit("chat message", msg);
    }

    @OnDisconnect
    public void disconnected(Socket socket, DisconnectReason reason) {
        LOG.info("user disconnected: " + socket.id() + " (" + reason + ")");
    }
}
