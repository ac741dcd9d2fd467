package org.socketioee.adapter.redis;

import org.junit.jupiter.api.Test;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.server.Socket;
import org.socketioee.testing.RawSocketIo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisNodeInteropTest} on the protocol of {@code @socket.io/redis-streams-adapter} 0.3.1 (a Java node and a
 * Node.js node with its {@code createAdapter}, connection state recovery on in both), and recovery across them:
 * a client dropped by one node recovers on the other, each way.
 */
class StreamsRedisNodeInteropTest extends RedisNodeInteropTest {
    private static final Pattern OFFSET = Pattern.compile(",\"([0-9]+-[0-9]+)\"]$");

    @Override
    String protocol() {
        return "streams";
    }

    /**
     * On for the recovery tests only: with it, every event carries its offset as its last argument (socket.io-client
     * passes it on to the listeners, and so does ours), which the operation tests do not expect.
     */
    @Override
    RecoveryOptions recovery() {
        return testName.contains("Recovers") ? new RecoveryOptions(Duration.ofSeconds(30), true, 1000) : null;
    }

    private static String offset(String event) {
        Matcher m = OFFSET.matcher(event);
        assertThat(m.find()).as(event).isTrue();
        return m.group(1);
    }

    @Test
    void aClientDroppedByTheNodeNodeRecoversOnTheJavaNode() throws Exception {
        RawSocketIo first = RawSocketIo.open(nodePort);
        String connect = first.connect("/", "{\"name\":\"ann\",\"room\":\"news\"}");
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        java.io.to("news").emit("headline", 1);
        String offset = offset(first.next());

        nodeCmd(Map.of("op", "drop", "id", sid));
        first.ws.awaitClose();
        first.close();
        java.io.to("news").emit("headline", 2, Map.of("k", List.of(true)));
        RoomChannels.awaitStream(prefix, 2); // Java's entry before Node's: the order the replay must keep
        nodeCmd(Map.of("op", "emit", "rooms", List.of("news"), "event", "from-node", "args", List.of(3)));
        nodeCmd(Map.of("op", "emit", "rooms", List.of("sports"), "event", "not-for-ann"));

        try (RawSocketIo again = RawSocketIo.open(java.tomcat.port())) {
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertThat(again.next()).matches("2\\[\"headline\",2,\\{\"k\":\\[true]},\"[0-9]+-[0-9]+\"]");
            assertThat(again.next()).matches("2\\[\"from-node\",3,\"[0-9]+-[0-9]+\"]");
            String reconnect = again.next();
            assertThat(RawSocketIo.sid(reconnect)).isEqualTo(sid);
            Socket restored = java.io.sockets().sockets().get(sid);
            assertThat(restored.recovered()).isTrue();
            assertThat(restored.rooms()).containsExactlyInAnyOrder(sid, "news");
            assertThat(restored.data()).containsEntry("name", "ann"); // Node's session, read by Java
        }
    }

    @Test
    void aClientDroppedByTheJavaNodeRecoversOnTheNodeNode() throws Exception {
        RawSocketIo first = RawSocketIo.open(java.tomcat.port());
        String connect = first.connect("/", "{\"name\":\"bob\",\"room\":\"news\"}");
        String sid = RawSocketIo.sid(connect);
        String pid = RawSocketIo.pid(connect);
        nodeCmd(Map.of("op", "emit", "rooms", List.of("news"), "event", "headline", "args", List.of(1)));
        String offset = offset(first.next());

        java.io.engine().session(first.engineId).close();
        first.ws.awaitClose();
        first.close();
        await().atMost(5, TimeUnit.SECONDS).until(() -> java.io.sockets().sockets().get(sid) == null);
        nodeCmd(Map.of("op", "emit", "rooms", List.of("news"), "event", "headline", "args", List.of(2)));
        RoomChannels.awaitStream(prefix, 2);
        java.io.to("news").emit("from-java", "x");

        try (RawSocketIo again = RawSocketIo.open(nodePort)) {
            again.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertThat(again.next()).matches("2\\[\"headline\",2,\"[0-9]+-[0-9]+\"]");
            assertThat(again.next()).matches("2\\[\"from-java\",\"x\",\"[0-9]+-[0-9]+\"]");
            assertThat(RawSocketIo.sid(again.next())).isEqualTo(sid);
            assertThat(nodeCmd(Map.of("op", "socket", "id", sid))).isEqualTo(Map.of("recovered", true,
                    "rooms", List.of("news", sid).stream().sorted().toList(), "data", Map.of("name", "bob")));
        }
    }
}
