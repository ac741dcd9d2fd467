package org.socketioee.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawSocketIo;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CONNECT answer is the first packet of a namespace, even when a broadcast reaches the socket between its
 * joining its rooms and that answer (another thread's broadcast, a cluster node's message: ChatClusterTest once
 * saw a "room online" first). The adapter here broadcasts in exactly that gap, so the order is not left to chance.
 */
class ConnectOrderTest {
    /** An in-memory adapter that broadcasts to the namespace right after a socket has joined its own room. */
    final class BroadcastOnJoin extends InMemoryAdapter {
        BroadcastOnJoin(AdapterNamespace nsp) {
            super(nsp, null);
        }

        @Override
        public void addAll(String socketId, Set<String> rooms) {
            super.addAll(socketId, rooms);
            if (rooms.contains(socketId)) {
                io.emit("early", "to everyone, the new socket included");
            }
        }
    }

    EmbeddedTomcat server;
    SocketIoServer io;

    @AfterEach
    void stop() {
        io.close();
        server.close();
    }

    @Test
    void aBroadcastBetweenTheJoinAndTheConnectAnswerFollowsTheAnswer() throws Exception {
        server = EmbeddedTomcat.start(EngineOptions.defaults(),
                engine -> io = new SocketIoServer(engine, ServerOptions.defaults().withAdapter(BroadcastOnJoin::new)));
        try (RawSocketIo a = RawSocketIo.open(server.port())) {
            assertThat(a.connect("/", null)).startsWith("0{\"sid\":\"");
            assertThat(a.next()).isEqualTo("2[\"early\",\"to everyone, the new socket included\"]");
            try (RawSocketIo b = RawSocketIo.open(server.port())) {
                assertThat(b.connect("/", null)).startsWith("0{\"sid\":\"");
                assertThat(b.next()).isEqualTo("2[\"early\",\"to everyone, the new socket included\"]");
                // the sockets connected before got it at once, as any broadcast
                assertThat(a.next()).isEqualTo("2[\"early\",\"to everyone, the new socket included\"]");
            }
        }
    }

    /**
     * The CONNECT's ordering lock is the socket's own: an application thread holding the Socket's monitor (its
     * {@code synchronized (socket)}) does not hold up the CONNECT answer.
     */
    @Test
    void anApplicationHoldingTheSocketsMonitorDoesNotHoldUpTheConnect() throws Exception {
        server = EmbeddedTomcat.start(EngineOptions.defaults(),
                engine -> io = new SocketIoServer(engine, ServerOptions.defaults()));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        io.use((socket, next) -> {
            Thread holder = new Thread(() -> {
                synchronized (socket) {
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "holds-the-socket");
            holder.setDaemon(true);
            holder.start();
            try {
                held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            next.accept();
        });
        try (RawSocketIo a = RawSocketIo.open(server.port())) {
            // answered while the application still holds the monitor (it lets go only below)
            assertThat(a.connect("/", null)).startsWith("0{\"sid\":\"");
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }
}
