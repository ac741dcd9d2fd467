package org.socketioee.examples;

import org.socketioee.adapter.ClusterTimeoutException;
import org.socketioee.server.AckTimeoutException;
import org.socketioee.server.Event;
import org.socketioee.server.SocketIoServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The load-test server's handlers, the same in {@code src/bench/node/server.mjs} (its Node.js twin), so that load
 * and cluster tests drive either from any client. On one node they act on that node; with a cluster adapter
 * ({@code socketio.adapter=redis}) on the whole cluster:
 * <ul>
 * <li>{@code join(room)} joins, then acks; {@code broadcast(room, payload)} sends {@code msg} to the room (the
 * sender too when it is in it); {@code echo(x)} acks x; {@code stats} acks {@code {"sessions": n}}, the Engine.IO
 * sessions open on this node (the asking one included), which the soak samples;</li>
 * <li>{@code count(room)} acks the number of sockets in the room ({@code fetchSockets});
 * {@code socketsJoin(room, other)} makes the room's sockets join other, then acks; {@code disconnect-room(room)}
 * acks, then disconnects the room's sockets (closing their connections);</li>
 * <li>{@code gather(room, ms)} asks every socket in the room {@code q} with an ack and acks their answers, those
 * that came within ms when some did not;</li>
 * <li>{@code servers()} acks the answers of every other node to the server-side event {@code who}; each node
 * answers {@code who} with its name ({@code bench.name}, by default {@code java-<pid>}).</li>
 * </ul>
 */
public final class BenchHandlers {
    private BenchHandlers() {
    }

    public static void install(SocketIoServer io) {
        install(io, System.getProperty("bench.name", "java-" + ProcessHandle.current().pid()));
    }

    /** With the name this node answers {@code who} with (several nodes in one JVM, as in the tests). */
    public static void install(SocketIoServer io, String name) {
        io.sockets().onServerSideEmitWithAck("who", (args, ack) -> ack.send(name));
        io.onConnection(socket -> {
            socket.on("join", e -> {
                socket.join(e.arg(0, String.class));
                e.ack();
            });
            socket.on("broadcast", e -> io.to(e.arg(0, String.class)).emit("msg", e.args().get(1)));
            socket.on("echo", e -> e.ack(e.args().get(0)));
            socket.on("stats", e -> e.ack(Map.of("sessions", io.engine().sessionCount())));
            socket.on("count", e -> answer(e, io.in(e.arg(0, String.class)).fetchSockets()
                    .thenApply(List::size)));
            socket.on("socketsJoin", e -> answer(e, io.in(e.arg(0, String.class)).socketsJoin(e.arg(1, String.class))
                    .thenApply(done -> null)));
            socket.on("disconnect-room", e -> {
                e.ack();
                io.in(e.arg(0, String.class)).disconnectSockets(true);
            });
            socket.on("gather", e -> {
                Number ms = e.arg(1, Number.class);
                answer(e, io.in(e.arg(0, String.class)).timeout(Duration.ofMillis(ms == null ? 5000 : ms.longValue()))
                        .emitWithAck("q")
                        .exceptionally(BenchHandlers::partialAnswers));
            });
            socket.on("servers", e -> answer(e, io.sockets().serverSideEmitWithAck("who")
                    .exceptionally(BenchHandlers::partialAnswers)));
        });
    }

    /** Acks the result; a failure is acked as {@code {"error": message}}, so a load test sees it and goes on. */
    private static void answer(Event e, CompletableFuture<?> result) {
        result.whenComplete((value, error) -> {
            if (error == null) {
                e.ack(value);
            } else {
                e.ack(Map.of("error", String.valueOf(cause(error).getMessage())));
            }
        });
    }

    /** What came before the timeout, as Node's {@code err.responses} hands it over; other errors go on. */
    private static List<Object> partialAnswers(Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof AckTimeoutException timeout) {
            return timeout.responses();
        }
        if (cause instanceof ClusterTimeoutException timeout) {
            return timeout.responses();
        }
        throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
    }

    /** What failed: a future's CompletionException wraps it. */
    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
