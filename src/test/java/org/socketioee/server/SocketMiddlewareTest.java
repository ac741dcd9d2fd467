package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.SocketIoFixture;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-socket middlewares ({@code socket.use}) in exact frames: order, asynchronous completion, exceptions. */
class SocketMiddlewareTest extends SocketIoFixture {
    @Test
    void middlewaresRunInOrderMayFinishLaterAndRefuseByThrowing() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        io.onConnection(s -> {
            s.use((e, next) -> {
                seen.add("first " + e.name());
                CompletableFuture.runAsync(next::accept); // finishes on another thread
            });
            s.use((e, next) -> {
                seen.add("second " + e.name());
                if (e.name().equals("boom")) {
                    throw new IllegalStateException("no " + e.name());
                }
                next.accept();
                next.reject(new Exception("ignored: next was called already"));
            });
            s.onError(err -> seen.add("error " + err.getMessage()));
            s.on("ping", e -> e.ack("pong"));
            s.on("boom", e -> e.ack("ran"));
        });
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            c.send("21[\"ping\"]");
            assertThat(c.next()).isEqualTo("31[\"pong\"]");
            assertThat(seen).containsExactly("first ping", "second ping");
            seen.clear();
            c.send("22[\"boom\"]"); // refused: no listener, no acknowledgement
            c.send("23[\"ping\"]");
            assertThat(c.next()).isEqualTo("33[\"pong\"]");
            // an asynchronous middleware lets the next event in meanwhile, as in Node: each event keeps its own order
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> seen.size() == 5);
            assertThat(seen).containsSubsequence("first boom", "second boom", "error no boom")
                    .containsSubsequence("first ping", "second ping");
        }
    }
}
