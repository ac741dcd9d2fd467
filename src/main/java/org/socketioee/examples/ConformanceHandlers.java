package org.socketioee.examples;

import org.socketioee.server.SocketIoServer;

/** The Socket.IO test suite's reference server (the spec's "Test suite" section), in Java. */
public final class ConformanceHandlers {
    private ConformanceHandlers() {
    }

    public static void install(SocketIoServer io) {
        io.onConnection(socket -> {
            socket.emit("auth", socket.handshake().auth());
            socket.on("message", e -> socket.emit("message-back", e.args().toArray()));
            socket.on("message-with-ack", e -> e.ack(e.args().toArray()));
        });
        io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    }
}
