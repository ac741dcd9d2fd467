package org.socketioee.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawSocketIo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceTest {
    EmbeddedTomcat server;
    SocketIoServer io;

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> io = SocketIoServer.attach(engine));
    }

    @AfterEach
    void stop() {
        io.close();
        server.close();
    }

    @Test
    void middlewareRejectsWithMessageAndData() throws Exception {
        io.of("/admin").use((socket, next) -> {
            if ("s3cret".equals(socket.handshake().auth().get("token"))) {
                next.accept();
            } else {
                next.reject(new ConnectError("unauthorized", Map.of("code", 401)));
            }
        });
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            assertThat(c.connect("/admin", "{\"token\":\"wrong\"}"))
                    .isEqualTo("4/admin,{\"message\":\"unauthorized\",\"data\":{\"code\":401}}");
            assertThat(c.connect("/admin", "{\"token\":\"s3cret\"}")).startsWith("0/admin,{\"sid\":\"");
        }
    }

    @Test
    void middlewaresRunInOrderAndMayFinishLater() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        io.use((socket, next) -> {
            order.add("first");
            CompletableFuture.runAsync(next::accept, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        });
        io.use((socket, next) -> {
            order.add("second");
            socket.data().put("user", "ann");
            next.accept();
        });
        io.onConnection(s -> order.add("connection " + s.data().get("user")));
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            assertThat(c.connect("/", null)).startsWith("0{\"sid\":\"");
            // "connection" listeners run right after the CONNECT packet is queued: wait for them
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> order.size() == 3);
            assertThat(order).containsExactly("first", "second", "connection ann");
        }
    }

    @Test
    void throwingMiddlewareRejectsWithItsMessage() throws Exception {
        io.use((socket, next) -> {
            throw new IllegalStateException("database down");
        });
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            assertThat(c.connect("/", null)).isEqualTo("4{\"message\":\"database down\"}");
        }
    }

    @Test
    void dynamicNamespacesAreCreatedOnDemand() throws Exception {
        BlockingQueue<String> joined = new LinkedBlockingQueue<>();
        ParentNamespace workspaces = io.of(Pattern.compile("/workspace-\\d+"));
        workspaces.onConnection(s -> joined.add(s.namespace().name()));
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            assertThat(c.connect("/workspace-42", null)).startsWith("0/workspace-42,{\"sid\":\"");
            assertThat(joined.poll(5, TimeUnit.SECONDS)).isEqualTo("/workspace-42");
            assertThat(c.connect("/workspace-x", null)).isEqualTo("4/workspace-x,{\"message\":\"Invalid namespace\"}");
            assertThat(workspaces.children()).containsOnlyKeys("/workspace-42");
            workspaces.emit("to-all-workspaces", 1);
            assertThat(c.next()).isEqualTo("2/workspace-42,[\"to-all-workspaces\",1]");
        }
    }

    @Test
    void handshakeDataIsExposed() throws Exception {
        BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
        io.onConnection(sockets::add);
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", "{\"name\":\"ann\",\"n\":[1,2]}");
            Socket s = sockets.poll(5, TimeUnit.SECONDS);
            SocketHandshake h = s.handshake();
            assertThat(h.auth()).containsEntry("name", "ann").containsEntry("n", List.of(1, 2));
            assertThat(h.address()).isEqualTo("127.0.0.1");
            assertThat(h.queryParam("EIO")).isEqualTo("4");
            assertThat(h.header("host")).isEqualTo("localhost:" + server.port());
            assertThat(s.id()).hasSize(20).isNotEqualTo(c.engineId);
            assertThat(s.transport()).isEqualTo("websocket");
        }
    }

    @Test
    void shuttingTheEngineDownClosesTheServerOnItFirst() throws Exception {
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
        io.onConnection(s -> {
            s.onDisconnect(r -> reasons.add(r.text()));
            sockets.add(s);
        });
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            // the CONNECT reaches the client before the connection listeners have run (as in Node): wait for them
            assertThat(sockets.poll(5, TimeUnit.SECONDS)).isNotNull();
            server.engine().shutdown();
            assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("server shutting down"); // not "forced close"
            c.ws.awaitClose();
        }
        assertThat(io.scheduler().isShutdown()).as("socket.io's timer thread stopped with the engine").isTrue();
        io.close(); // again: nothing happens
        assertThat(reasons).isEmpty();
    }

    @Test
    void disconnectReasonsAsNodeNamesThem() throws Exception {
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
        io.onConnection(s -> {
            sockets.add(s);
            s.onDisconnecting(r -> reasons.add("disconnecting " + r + " " + s.rooms().contains(s.id())));
            s.onDisconnect(r -> reasons.add(r.text()));
        });
        io.of("/other").onConnection(s -> s.onDisconnect(r -> reasons.add("other: " + r.text())));
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            c.connect("/other", null);
            c.send("1/other,");
            assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("other: client namespace disconnect");
            sockets.take().disconnect();
            assertThat(c.next()).isEqualTo("1");
            assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnecting server namespace disconnect true");
            assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("server namespace disconnect");
            c.connect("/", null);
        }
        assertThat(reasons.poll(5, TimeUnit.SECONDS)).startsWith("disconnecting transport close");
        assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("transport close");
    }

    @Test
    void catchAllListenersSeeIncomingAndOutgoingEvents() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        io.onConnection(s -> {
            s.onAny(e -> seen.add("in " + e.name() + " " + e.args() + " " + e.hasAck()));
            s.onAnyOutgoing(e -> seen.add("out " + e.name() + " " + e.args() + " " + e.hasAck()));
            s.on("hello", e -> s.emit("world", e.args().get(0)));
        });
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            c.send("21[\"hello\",{\"a\":1}]");
            assertThat(c.next()).isEqualTo("2[\"world\",{\"a\":1}]");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("in hello [{a=1}] true");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("out world [{a=1}] false");
        }
    }

    @Test
    void disconnectWithCloseEndsTheWholeConnection() throws Exception {
        BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
        io.onConnection(sockets::add);
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            c.connect("/x", null); // refused: no such namespace, connection stays
            sockets.take().disconnect(true);
            assertThat(c.next()).isEqualTo("1");
            c.ws.awaitClose();
        }
    }
}
