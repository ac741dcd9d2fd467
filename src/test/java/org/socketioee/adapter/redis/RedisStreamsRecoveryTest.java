package org.socketioee.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.server.Socket;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.RawSocketIo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery across nodes ({@code socketio.adapter=redis-streams}): a client whose connection to
 * node A dropped reconnects to node B and gets its id, rooms, data and the events it missed, whichever node sent
 * them; the offsets are the stream's entry ids, the session is taken once.
 */
class RedisStreamsRecoveryTest {
    private static final Pattern OFFSET = Pattern.compile(",\"([0-9]+-[0-9]+)\"]$");
    private final List<AutoCloseable> open = new ArrayList<>();
    private RedisAdapterOptions options;
    private JavaNode a;
    private JavaNode b;
    private RedisClient redis;
    private StatefulRedisConnection<String, String> commands;

    @BeforeEach
    void cluster() {
        LocalRedis.require();
        options = new RedisAdapterOptions(LocalRedis.URI, LocalRedis.prefix(), Duration.ofMillis(2000));
        RecoveryOptions recovery = new RecoveryOptions(Duration.ofSeconds(30), true, 1000);
        a = node("A", recovery);
        b = node("B", recovery);
        redis = RedisClient.create(LocalRedis.URI);
        commands = redis.connect();
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (commands != null) {
            commands.sync().del(options.prefix());
            commands.close();
            redis.shutdown();
        }
    }

    private JavaNode node(String name, RecoveryOptions recovery) {
        JavaNode n = new JavaNode(name, options, "streams", recovery);
        open.add(n);
        return n;
    }

    private static int port(JavaNode n) {
        return n.tomcat.port();
    }

    private void awaitEntries(long n) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> commands.sync().xlen(options.prefix()) == n);
    }

    private static String offset(String event) {
        Matcher m = OFFSET.matcher(event);
        assertThat(m.find()).as(event).isTrue();
        return m.group(1);
    }

    @Test
    void aClientRecoversOnAnotherNodeWithWhatItMissed() throws Exception {
        RawSocketIo first = RawSocketIo.open(port(a));
        open.add(first);
        String connect = first.connect("/", "{\"name\":\"ann\",\"room\":\"news\"}");
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        b.io.to("news").emit("headline", 1); // from the other node, through the stream
        String offset = offset(first.next());
        assertThat(first.ws.poll(300)).as("delivered once").isNull();

        // A drops the transport: the session waits in Redis, for any node
        a.io.engine().session(first.engineId).close();
        first.ws.awaitClose();
        await().atMost(5, TimeUnit.SECONDS).until(() -> commands.sync().exists("sio:session:" + pid) == 1);
        // one after the other into the stream: two nodes' entries are in the order Redis got them, not the calls'
        b.io.to("news").emit("headline", 2);
        awaitEntries(2);
        a.io.emit("to-all", "x");
        awaitEntries(3);
        b.io.to("sports").emit("not-for-ann");
        b.io.asVolatile().emit("volatile-is-not-replayed");
        awaitEntries(5);

        try (RawSocketIo again = RawSocketIo.open(port(b))) {
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            String h2 = again.next();
            assertThat(h2).matches("2\\[\"headline\",2,\"[0-9]+-[0-9]+\"]");
            assertThat(again.next()).matches("2\\[\"to-all\",\"x\",\"[0-9]+-[0-9]+\"]");
            String reconnect = again.next();
            assertThat(RawSocketIo.sid(reconnect)).isEqualTo(sid);
            assertThat(RawSocketIo.pid(reconnect)).isEqualTo(pid);
            Socket restored = b.io.sockets().sockets().get(sid);
            assertThat(restored.recovered()).isTrue();
            assertThat(restored.rooms()).containsExactlyInAnyOrder(sid, "news");
            assertThat(restored.data()).containsEntry("name", "ann");
            // and it goes on from there, with offsets from the same stream
            a.io.to("news").emit("after", 3);
            assertThat(offset(again.next())).isGreaterThan(offset(h2));
        }
    }

    @Test
    void aRecoveryEndsTheConnectionThatStillHeldTheSession() throws Exception {
        RawSocketIo first = RawSocketIo.open(port(a));
        open.add(first);
        String connect = first.connect("/", "{\"name\":\"ann\",\"room\":\"news\"}");
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        b.io.to("news").emit("headline", 1);
        String offset = offset(first.next());
        // the client comes back on B while A still has its connection (A has not seen it go): the session kept for
        // it while connected moves to B, and A's connection ends
        await().atMost(5, TimeUnit.SECONDS).until(() -> commands.sync().exists("sio:session:" + pid) == 1);
        try (RawSocketIo again = RawSocketIo.open(port(b))) {
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertThat(RawSocketIo.sid(again.next())).isEqualTo(sid);
            first.ws.awaitClose();
            await().atMost(5, TimeUnit.SECONDS).until(() -> a.io.sockets().sockets().get(sid) == null);
            assertThat(b.io.sockets().sockets().get(sid).rooms()).containsExactlyInAnyOrder(sid, "news");
            // and B keeps the moved session in Redis in its turn (A's departure did not delete it)
            await().atMost(5, TimeUnit.SECONDS).until(() -> commands.sync().exists("sio:session:" + pid) == 1);
        }
    }

    @Test
    void aClientOfANodeKilledWithSigkillRecoversOnAnotherNode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // node K: the WAR in a JVM of its own, in the cluster of A and B
        org.socketioee.testing.Background k = org.socketioee.testing.ForkedWebapp.start(
                "jdbc:h2:" + dir.resolve("chat") + ";WRITE_DELAY=0",
                java.util.Map.of("socketio.adapter", "redis-streams", "socketio.redis.uri", LocalRedis.URI,
                        "socketio.redis.prefix", options.prefix(), "socketio.recovery.maxDisconnectionDuration", "30000"),
                dir.resolve("k.log"));
        open.add(k);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 3);
        RawSocketIo first = RawSocketIo.open(org.socketioee.testing.ForkedWebapp.port(k));
        open.add(first);
        String connect = first.connect("/", null);
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        b.io.in(sid).socketsJoin("news").get(5, TimeUnit.SECONDS); // K's socket joins, asked from B
        // K keeps the session of its connected socket in Redis, rooms included, within a second of the change
        await().atMost(5, TimeUnit.SECONDS).until(() -> {
            String v = commands.sync().get("sio:session:" + pid);
            return v != null && Notepack.decode(java.util.Base64.getDecoder().decode(v)) instanceof java.util.Map<?, ?> m
                    && String.valueOf(m.get("rooms")).contains("news");
        });
        b.io.to("news").emit("headline", 1);
        String offset = offset(first.next());

        k.kill(); // SIGKILL: K saves nothing more
        first.ws.awaitClose();
        b.io.to("news").emit("headline", 2);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> a.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == 2);

        try (RawSocketIo again = RawSocketIo.open(port(a))) {
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertThat(again.next()).matches("2\\[\"headline\",2,\"[0-9]+-[0-9]+\"]");
            assertThat(RawSocketIo.sid(again.next())).isEqualTo(sid);
            Socket restored = a.io.sockets().sockets().get(sid);
            assertThat(restored.recovered()).isTrue();
            assertThat(restored.rooms()).containsExactlyInAnyOrder(sid, "news");
        }
    }
}
