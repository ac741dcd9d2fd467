package org.socketioee.testing;

import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.engine.EngineServer;
import org.socketioee.server.ConnectError;
import org.socketioee.server.ServerOptions;
import org.socketioee.server.SocketIoServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server the interop tests drive with the official clients (Node, Java, Python). Contract:
 * <ul>
 * <li>"/": on connection emits {@code auth(handshakeAuth)}; {@code message(...a)} → emits {@code message-back(...a)};
 *   {@code message-with-ack(...a)} → acks {@code (...a)}; {@code join(room)} → joins, acks {@code "joined <room>"};
 *   {@code room-broadcast(room, payload)} → {@code io.to(room).emit("room-message", payload)};
 *   {@code ask-client(payload)} → emits {@code question(payload)} with an ack (5 s) and then emits
 *   {@code client-answered(answer)} with the client's first ack argument;
 *   {@code binary-deep()} → emits {@code binary-back({"nested":{"data":<01 02 03>},"list":[<04>],"n":1})};
 *   {@code whoami()} → acks {@code {"id":socket.id,"recovered":bool,"rooms":[sorted]}};
 *   {@code drop-and-emit(room, n)} → closes the connection under the socket without a Socket.IO DISCONNECT (the
 *   client sees a transport close and reconnects), then emits {@code missed(i)} to {@code room} for i in 0..n-1,
 *   which connection state recovery must replay;
 *   {@code ack-on-second-try(v)} → records {@code v}, acks {@code (v, n)} only from its second delivery on (n: how
 *   often this socket got {@code v}); {@code tries-seen()} → acks {@code [every v recorded, in arrival order]};
 *   {@code disconnect-me()} → {@code socket.disconnect()};
 *   a per-socket middleware refuses every event whose name starts with {@code forbidden} with the error
 *   {@code "forbidden event: <name>"}, which the socket's error listener emits back as {@code refused(message)};
 *   {@code forbidden()} → emits {@code ran()} (never, since refused).</li>
 * <li>"/custom": on connection emits {@code auth(handshakeAuth)}.</li>
 * <li>"/secret": middleware refusing unless {@code auth.token == "s3cret"}: CONNECT_ERROR
 *   {@code {"message":"unauthorized","data":{"code":401}}}; on connection emits {@code welcome("secret")}.</li>
 * </ul>
 * Connection state recovery is on (2 minutes, middlewares skipped).
 */
public final class InteropHandlers {
    private InteropHandlers() {
    }

    public static SocketIoServer install(EngineServer engine) {
        SocketIoServer io = new SocketIoServer(engine, ServerOptions.defaults()
                .withConnectTimeout(Duration.ofSeconds(10)).withRecovery(RecoveryOptions.defaults()));
        io.onConnection(socket -> {
            socket.emit("auth", socket.handshake().auth());
            socket.use((e, next) -> {
                if (e.name().startsWith("forbidden")) {
                    next.reject(new Exception("forbidden event: " + e.name()));
                } else {
                    next.accept();
                }
            });
            socket.onError(err -> socket.emit("refused", err.getMessage()));
            socket.on("forbidden", e -> socket.emit("ran"));
            socket.on("message", e -> socket.emit("message-back", e.args().toArray()));
            socket.on("message-with-ack", e -> e.ack(e.args().toArray()));
            socket.on("join", e -> {
                String room = e.arg(0, String.class);
                socket.join(room);
                e.ack("joined " + room);
            });
            socket.on("room-broadcast", e -> io.to(e.arg(0, String.class)).emit("room-message", e.args().get(1)));
            socket.on("ask-client", e -> socket.timeout(Duration.ofSeconds(5))
                    .emitWithAck("question", e.args().get(0))
                    .thenAccept(answer -> socket.emit("client-answered", answer.isEmpty() ? null : answer.get(0))));
            socket.on("binary-deep", e -> socket.emit("binary-back", Map.of(
                    "nested", Map.of("data", new byte[] {1, 2, 3}),
                    "list", List.of(new byte[] {4}),
                    "n", 1)));
            socket.on("whoami", e -> e.ack(Map.of("id", socket.id(), "recovered", socket.recovered(),
                    "rooms", socket.rooms().stream().sorted().toList())));
            List<String> tries = new CopyOnWriteArrayList<>();
            socket.on("ack-on-second-try", e -> {
                String v = e.arg(0, String.class);
                tries.add(v);
                long n = tries.stream().filter(v::equals).count();
                if (n >= 2) {
                    e.ack(v, n);
                }
            });
            socket.on("tries-seen", e -> e.ack(List.copyOf(tries)));
            socket.on("disconnect-me", e -> socket.disconnect());
            socket.on("drop-and-emit", e -> {
                String room = e.arg(0, String.class);
                int n = e.arg(1, Integer.class);
                io.engine().session(socket.connectionId()).close();
                for (int i = 0; i < n; i++) {
                    io.to(room).emit("missed", i);
                }
            });
        });
        io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        io.of("/secret").use((socket, next) -> {
            if ("s3cret".equals(socket.handshake().auth().get("token"))) {
                next.accept();
            } else {
                next.reject(new ConnectError("unauthorized", Map.of("code", 401)));
            }
        }).onConnection(socket -> socket.emit("welcome", "secret"));
        return io;
    }
}
