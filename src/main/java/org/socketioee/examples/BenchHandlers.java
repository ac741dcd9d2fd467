package org.socketioee.examples;

import org.socketioee.server.SocketIoServer;

/**
 * The load-test server: {@code join(room)} joins and acks, {@code broadcast(room, payload)} sends {@code msg} to
 * the room (the sender too when it is in it), {@code echo(payload)} acks the payload, {@code stats} acks
 * {@code {"sessions": n}}, the Engine.IO sessions open (the asking one included), which the soak samples.
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
            socket.on("stats", e -> e.ack(java.util.Map.of("sessions", io.engine().sessionCount())));
        });
    }
}
