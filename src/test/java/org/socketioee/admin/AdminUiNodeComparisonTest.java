package org.socketioee.admin;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.Background;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Admin UI's protocol against the Node original: one scenario (npm socket.io-client as the UI: login, the
 * sockets and rooms, an event both ways, join, leave, disconnect, a stats round) run by {@code admin-observer.mjs}
 * against the npm socket.io 4.8 server instrumented by {@code @socket.io/admin-ui} 0.5.1 and against ours with the
 * same handlers; what {@code /admin} sent, normalized the same way for both (ids numbered, times, host and
 * WebSocket key replaced), is the same, line for line.
 */
class AdminUiNodeComparisonTest {
    private static final Duration RUN = Duration.ofSeconds(60);

    @Test
    void sameEventsAndPayloadsAsTheNodePackage() {
        Node.require();
        String node;
        try (Background reference = Node.start(Duration.ofSeconds(30), "admin-reference-server.mjs", "0",
                AdminUiTest.HASH)) {
            int port = Json.createReader(new StringReader(reference.firstLine())).readObject().getInt("port");
            Node.Result r = Node.run(RUN, "admin-observer.mjs", "http://127.0.0.1:" + port);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            node = r.stdout();
        }
        SocketIoServer[] io = new SocketIoServer[1];
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io[0] = SocketIoServer.attach(engine);
            AdminUi.instrument(io[0], AdminOptions.basic("admin", AdminUiTest.HASH)
                    .withMode(AdminOptions.Mode.DEVELOPMENT));
            io[0].onConnection(socket -> {
                socket.on("join", e -> {
                    socket.join(e.arg(0, String.class));
                    e.ack();
                });
                socket.on("echo", e -> socket.emit("echo", e.args().toArray()));
            });
        })) {
            Node.Result r = Node.run(RUN, "admin-observer.mjs", server.baseUrl());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout().lines().toList()).isEqualTo(node.lines().toList());
            assertThat(node.lines().count()).as("session … server_stats").isEqualTo(13);
        } finally {
            if (io[0] != null) {
                io[0].close();
            }
        }
    }
}
