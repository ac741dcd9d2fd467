package org.socketioee.examples;

import org.socketioee.server.SocketIoServer;

/**
 * The "get started" chat on namespace {@code /chat} (launch {@code chat}): every {@code "chat message"} is
 * broadcast to every client of the namespace. The server of {@code org.socketioee.client.example.ChatCli}.
 */
public final class ChatHandlers {
    public static final String NAMESPACE = "/chat";

    private ChatHandlers() {
    }

    public static void install(SocketIoServer io) {
        io.of(NAMESPACE).onConnection(socket ->
                socket.on("chat message", e -> io.of(NAMESPACE).emit("chat message", e.arg(0, String.class))));
    }
}
