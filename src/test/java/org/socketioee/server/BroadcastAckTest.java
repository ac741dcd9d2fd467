package org.socketioee.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.BroadcastOptions;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.engine.EngineOptions;
import org.socketioee.parser.SocketPacket;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawSocketIo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Broadcasts with acknowledgements counted as Node counts them: per server, with the partial answers on timeout. */
class BroadcastAckTest {
    /**
     * The in-memory adapter of a node that believes it has one peer: the peer's client count and answers are
     * whatever the test reports through {@link #peer}.
     */
    static final class TwoServerAdapter extends InMemoryAdapter {
        record Peer(IntConsumer clientCount, Consumer<Object> ack) {
        }

        final BlockingQueue<Peer> peer = new LinkedBlockingQueue<>();

        TwoServerAdapter(AdapterNamespace nsp) {
            super(nsp, null);
        }

        @Override
        public CompletableFuture<Void> broadcastWithAck(SocketPacket packet, BroadcastOptions opts,
                                                        IntConsumer clientCount, Consumer<Object> ack) {
            peer.add(new Peer(clientCount, ack));
            return super.broadcastWithAck(packet, opts, clientCount, ack);
        }

        @Override
        public CompletableFuture<Integer> serverCount() {
            return CompletableFuture.completedFuture(2);
        }
    }

    EmbeddedTomcat server;
    SocketIoServer io;
    final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();

    void start(ServerOptions options) {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = new SocketIoServer(engine, options);
            io.onConnection(connected::add);
        });
    }

    @AfterEach
    void stop() {
        io.close();
        server.close();
    }

    final Map<RawSocketIo, String> ids = new HashMap<>();

    RawSocketIo client() throws Exception {
        RawSocketIo raw = RawSocketIo.open(server.port());
        ids.put(raw, RawSocketIo.sid(raw.connect("/", null)));
        assertThat(connected.poll(5, TimeUnit.SECONDS)).isNotNull();
        return raw;
    }

    static String ackId(String eventPacket) {
        return eventPacket.substring(1, eventPacket.indexOf('['));
    }

    @Test
    void waitsForTheClientCountOfEveryServerAndTheirAnswers() throws Exception {
        TwoServerAdapter[] adapter = new TwoServerAdapter[1];
        start(ServerOptions.defaults().withAdapter(nsp -> adapter[0] = new TwoServerAdapter(nsp)));
        try (RawSocketIo a = client()) {
            CompletableFuture<List<Object>> all = io.timeout(Duration.ofSeconds(30)).emitWithAck("poll");
            String q = a.next();
            a.send("3" + ackId(q) + "[\"local\"]");
            // the local client answered, but the other server has not told how many clients it reached
            TwoServerAdapter.Peer peer = adapter[0].peer.poll(5, TimeUnit.SECONDS);
            a.send("3" + ackId(q) + "[\"late duplicate\"]"); // the socket answered once: ignored
            assertThat(all).isNotDone();
            peer.clientCount().accept(1);
            assertThat(all).isNotDone(); // one answer of the peer's client is missing
            peer.ack().accept("remote");
            // in arrival order, and the local answer may still be on its way in (its frame is read on another
            // thread): the order is not the point here, that each socket counts once is
            assertThat(all.get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder("local", "remote");
            // completion cancels the timeout's timer: nothing is left on the server's timer
            assertThat(((ScheduledThreadPoolExecutor) io.scheduler()).getQueue()).isEmpty();
        }
    }

    @Test
    void completesAtOnceWhenNoClientIsTargeted() throws Exception {
        start(ServerOptions.defaults());
        assertThat(io.to("nobody").timeout(Duration.ofSeconds(30)).emitWithAck("poll").get(5, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(((ScheduledThreadPoolExecutor) io.scheduler()).getQueue()).isEmpty();
    }

    @Test
    void aTimeoutCarriesTheAnswersReceivedAndTheSocketsStopWaiting() throws Exception {
        start(ServerOptions.defaults().withMaxPendingAcks(1));
        try (RawSocketIo a = client(); RawSocketIo b = client(); RawSocketIo c = client()) {
            CompletableFuture<List<Object>> all = io.timeout(Duration.ofMillis(300)).emitWithAck("poll");
            String q = a.next();
            b.next();
            c.next();
            a.send("3" + ackId(q) + "[\"yes\"]");
            b.send("3" + ackId(q) + "[]"); // an answer without arguments counts, as null
            Throwable t = catchThrowable(() -> all.get(5, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AckTimeoutException.class);
            assertThat(((AckTimeoutException) t.getCause()).responses()).containsExactlyInAnyOrder("yes", null);

            // c's socket no longer waits for the broadcast's answer: its one allowed pending ack is free again
            Socket silent = io.sockets().sockets().values().stream()
                    .filter(s -> s.id().equals(ids.get(c))).findFirst().orElseThrow();
            CompletableFuture<List<Object>> own = silent.emitWithAck("direct");
            String direct = c.next();
            assertThat(direct).matches("2\\d+\\[\"direct\"]");
            c.send("3" + ackId(direct) + "[\"ok\"]");
            assertThat(own.get(5, TimeUnit.SECONDS)).containsExactly("ok");
        }
    }
}
