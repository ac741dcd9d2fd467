package org.socketioee.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawSocketIo;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection state recovery on the wire: pid in CONNECT, offsets appended to events, replay after a drop. */
class RecoveryTest {
    static final Pattern OFFSET = Pattern.compile(",\"([0-9a-z]+)\"]$");
    EmbeddedTomcat server;
    SocketIoServer io;
    BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = new SocketIoServer(engine, ServerOptions.defaults().withRecovery(
                    new RecoveryOptions(Duration.ofSeconds(2), true, 1000)));
            io.use((socket, next) -> {
                socket.data().put("middleware-ran", true);
                next.accept();
            });
            io.onConnection(connected::add);
        });
    }

    @AfterEach
    void stop() {
        io.close();
        server.close();
    }

    static String offset(String event) {
        Matcher m = OFFSET.matcher(event);
        assertThat(m.find()).as(event).isTrue();
        return m.group(1);
    }

    @Test
    void missedEventsAreReplayedWithTheSameIdRoomsAndData() throws Exception {
        RawSocketIo first = RawSocketIo.open(server.port());
        String connect = first.connect("/", null);
        assertThat(connect).matches("0\\{\"sid\":\"[^\"]+\",\"pid\":\"[^\"]+\"}");
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        Socket s = connected.take();
        s.join("news");
        s.data().put("nick", "ann");
        io.to("news").emit("headline", 1);
        String offset = offset(first.next());

        // the server drops the transport; events go on while the client is away
        io.engine().session(first.engineId).close();
        first.ws.awaitClose();
        io.to("news").emit("headline", 2);
        io.emit("to-all", "x");
        io.to("sports").emit("not-for-ann");
        io.asVolatile().emit("volatile-is-not-kept");

        try (RawSocketIo again = RawSocketIo.open(server.port())) {
            // as Node: the missed events first, then the CONNECT
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertThat(again.next()).matches("2\\[\"headline\",2,\"[0-9a-z]+\"]");
            assertThat(again.next()).matches("2\\[\"to-all\",\"x\",\"[0-9a-z]+\"]");
            String reconnect = again.next();
            assertThat(RawSocketIo.sid(reconnect)).isEqualTo(sid);
            assertThat(RawSocketIo.pid(reconnect)).isEqualTo(pid);
            Socket restored = connected.take();
            assertThat(restored.recovered()).isTrue();
            assertThat(restored.id()).isEqualTo(sid);
            assertThat(restored.rooms()).containsExactlyInAnyOrder(sid, "news");
            assertThat(restored.data()).containsEntry("nick", "ann");
            io.emit("marker");
            assertThat(again.next()).matches("2\\[\"marker\",\"[0-9a-z]+\"]");
        }
    }

    @Test
    void unknownOffsetOrExpiredSessionGivesANewSocket() throws Exception {
        RawSocketIo first = RawSocketIo.open(server.port());
        String connect = first.connect("/", null);
        String pid = RawSocketIo.pid(connect);
        String sid = RawSocketIo.sid(connect);
        connected.take();
        io.engine().session(first.engineId).close();
        first.ws.awaitClose();
        try (RawSocketIo again = RawSocketIo.open(server.port())) {
            String reconnect = again.connect("/", "{\"pid\":\"" + pid + "\",\"offset\":\"unknown\"}");
            assertThat(RawSocketIo.sid(reconnect)).isNotEqualTo(sid);
            Socket fresh = connected.take();
            assertThat(fresh.recovered()).isFalse();
            assertThat(fresh.data()).containsEntry("middleware-ran", true);
        }
    }

    @Test
    void aClientNamespaceDisconnectIsNotRecoverable() throws Exception {
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            String connect = c.connect("/", null);
            connected.take();
            io.emit("e");
            String offset = offset(c.next());
            c.send("1");
            c.send("0{\"pid\":\"" + RawSocketIo.pid(connect) + "\",\"offset\":\"" + offset + "\"}");
            String again = c.next();
            assertThat(RawSocketIo.sid(again)).isNotEqualTo(RawSocketIo.sid(connect));
            assertThat(connected.poll(5, TimeUnit.SECONDS).recovered()).isFalse();
        }
    }

    @Test
    void eventsWithAcksAreSentWithoutOffset() throws Exception {
        try (RawSocketIo c = RawSocketIo.open(server.port())) {
            c.connect("/", null);
            Socket s = connected.take();
            s.emitWithAck("q", 1);
            assertThat(c.next()).matches("2\\d+\\[\"q\",1]");
            s.emit("plain", 1);
            assertThat(c.next()).matches("2\\[\"plain\",1,\"[0-9a-z]+\"]");
        }
    }
}
