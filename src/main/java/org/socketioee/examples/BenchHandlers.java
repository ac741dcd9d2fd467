package org.socketioee.examples;

import org.socketioee.server.SocketIoServer;

/**
 * The load-test server: {@code join(room)} joins and acks, {@code broadcast(room, payload)} sends {@code msg} to
 * the room (the sender too when it is in it), {@code echo(payload)} acks the payload.
 */
public final class BenchHandlers {
    private BenchHandlers() {
    }

    public static void install(SocketIoServer io) {
        io.onConnection(socket -> {
            socket.on("join", e -> {
                socket.join(e.arg(0, String.class));
                e.ack();
            });
            socket.on("broadcast", e -> io.to(e.arg(0, String.class)).emit("msg", e.args().get(1)));
            socket.on("echo", e -> e.ack(e.args().get(0)));
        });
    }
}
