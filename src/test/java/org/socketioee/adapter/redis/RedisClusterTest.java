package org.socketioee.adapter.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.ClusterTimeoutException;
import org.socketioee.server.RemoteSocket;
import org.socketioee.testing.LocalRedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two (for one test three) Java nodes on the local Redis, with clients on different nodes: every Adapter operation
 * observed across nodes. Each test has a channel prefix of its own. {@link ShardedRedisClusterTest} runs the same
 * tests on the sharded protocol.
 */
class RedisClusterTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    RedisAdapterOptions options;
    JavaNode a;
    JavaNode b;

    /** The protocol of the nodes: the classic one here, the sharded one in {@link ShardedRedisClusterTest}. */
    boolean sharded() {
        return false;
    }

    /** {@code classic}, {@code sharded}, or {@code streams} ({@link StreamsRedisClusterTest}). */
    String protocol() {
        return sharded() ? "sharded" : "classic";
    }

    @BeforeEach
    void cluster() {
        LocalRedis.require();
        options = new RedisAdapterOptions(LocalRedis.URI, LocalRedis.prefix(), Duration.ofMillis(2000));
        a = node("A");
        b = node("B");
        awaitServers(a, 2);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    JavaNode node(String name) {
        JavaNode n = new JavaNode(name, options, protocol(), null);
        open.add(n);
        return n;
    }

    ClusterClient client(JavaNode node, String name, String room) throws Exception {
        ClusterClient c = new ClusterClient(node.url(), name, room);
        open.add(c);
        return c;
    }

    /** The sharded protocol: waits until the nodes with {@code room} have subscribed to its channel. */
    void roomReady(String room, int nodes) {
        if (sharded()) {
            RoomChannels.await(options.prefix(), room, nodes);
        }
    }

    static void awaitServers(JavaNode node, int n) {
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> node.io.sockets().adapter().serverCount().get(5, TimeUnit.SECONDS) == n);
    }

    @Test
    void broadcastsReachRoomsAllAndExceptAcrossNodes() throws Exception {
        ClusterClient a1 = client(a, "a1", "r");
        ClusterClient b1 = client(b, "b1", "r");
        ClusterClient b2 = client(b, "b2", null);
        roomReady("r", 2);

        a.io.to("r").emit("msg", "to r", 1, 2.5);
        assertThat(a1.next()).isEqualTo("msg [to r,1,2.5]");
        assertThat(b1.next()).isEqualTo("msg [to r,1,2.5]");

        b.io.except("r").emit("msg", "not r");
        assertThat(b2.next()).isEqualTo("msg [not r]"); // b2 got nothing before: the room broadcast missed it

        a.io.local().emit("msg", "A only");
        assertThat(a1.next()).isEqualTo("msg [A only]");

        b.io.emit("msg", "all", Map.of("k", List.of(true)));
        for (ClusterClient c : List.of(a1, b1, b2)) {
            // b1 and b2 got nothing in between: neither "not r" (b1) nor A's local broadcast
            assertThat(c.next()).isEqualTo("msg [all,{k=[true]}]");
        }
        // volatile: dropped for a client whose connection is busy at that instant (as in Node), so sent until seen
        boolean seen = false;
        for (int i = 0; i < 20 && !seen; i++) {
            a.io.asVolatile().emit("msg", "volatile");
            seen = b2.drain(250).contains("msg [volatile]");
        }
        assertThat(seen).as("a volatile broadcast crosses nodes").isTrue();
    }

    @Test
    void binaryPayloadsCrossNodes() throws Exception {
        ClusterClient a1 = client(a, "a1", null);
        client(b, "b1", null);
        b.io.emit("bin", new byte[] {1, 2, 3}, Map.of("nested", new byte[] {(byte) 0xff}), "text");
        assertThat(a1.next()).isEqualTo("bin [bin:010203,{nested=bin:ff},text]");
    }

    @Test
    void fetchSocketsSeesEveryNodeAndActsOnRemoteSockets() throws Exception {
        ClusterClient a1 = client(a, "a1", "r");
        ClusterClient b1 = client(b, "b1", "r");
        ClusterClient b2 = client(b, "b2", null);

        List<RemoteSocket> all = a.io.sockets().fetchSockets().get(5, TimeUnit.SECONDS);
        assertThat(all).extracting(s -> s.data().get("name")).containsExactlyInAnyOrder("a1", "b1", "b2");
        RemoteSocket remote = all.stream().filter(s -> "b1".equals(s.data().get("name"))).findFirst().orElseThrow();
        assertThat(remote.id()).isEqualTo(b1.id()).hasSize(20);
        assertThat(remote.rooms()).containsExactlyInAnyOrder(b1.id(), "r");
        assertThat(remote.handshake()).containsEntry("auth", Map.of("name", "b1", "room", "r"));

        assertThat(a.io.in("r").fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(a1.id(), b1.id());

        remote.emit("direct", "hello b1");
        assertThat(b1.next()).isEqualTo("direct [hello b1]");

        remote.join("x");
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.io.sockets().sockets().get(b1.id()).rooms().contains("x"));
        roomReady("x", 1);
        a.io.to("x").emit("msg", "to x");
        assertThat(b1.next()).isEqualTo("msg [to x]");
        remote.leave("x");
        await().atMost(5, TimeUnit.SECONDS).until(() -> !b.io.sockets().sockets().get(b1.id()).rooms().contains("x"));

        a.io.in("r").socketsJoin("r2").get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.io.sockets().sockets().get(b1.id()).rooms().contains("r2"));
        assertThat(a.io.in("r2").fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(a1.id(), b1.id());
        a.io.in("r2").socketsLeave("r2").get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.io.in("r2").fetchSockets().get().isEmpty());

        remote.disconnect(true);
        assertThat(b1.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        a.io.in("r").disconnectSockets(true).get(5, TimeUnit.SECONDS);
        assertThat(a1.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        assertThat(b2.disconnected).isNotDone();
        assertThat(a.io.sockets().fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactly(b2.id());
    }

    @Test
    void serverSideEmitReachesTheOtherNodesWithTheirAcks() throws Exception {
        assertThat(a.io.sockets().serverSideEmitWithAck("who", 1, "x").get(5, TimeUnit.SECONDS))
                .containsExactly("B");
        assertThat(b.serverSide).containsExactly("who [1, x]");
        assertThat(a.serverSide).isEmpty(); // not to itself
        b.io.sockets().serverSideEmit("note", Map.of("k", 2)).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.serverSide.contains("note [{k=2}]"));
    }

    @Test
    void broadcastWithAcksCountsTheClientsOfBothNodes() throws Exception {
        client(a, "a1", "r");
        client(b, "b1", "r");
        client(b, "b2", null);
        assertThat(a.io.timeout(Duration.ofSeconds(5)).emitWithAck("q", "hi").get(10, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("a1 got hi", "b1 got hi", "b2 got hi");
        assertThat(b.io.to("r").timeout(Duration.ofSeconds(5)).emitWithAck("q", "r only").get(10, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("a1 got r only", "b1 got r only");
    }

    @Test
    void allRoomsListsTheRoomsOfEveryNode() throws Exception {
        ClusterClient a1 = client(a, "a1", "ra");
        ClusterClient b1 = client(b, "b1", "rb");
        assertThat(a.io.sockets().adapter().allRooms().get(5, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("ra", "rb", a1.id(), b1.id());
    }

    @Test
    void aNodeThatDiesMidRequestLeavesPartialAnswersThenTheTimeout() throws Exception {
        JavaNode c = node("C");
        awaitServers(a, 3);
        b.io.sockets().onServerSideEmitWithAck("slow", (args, ack) -> ack.send("B"));
        // C goes away on receipt, without answering (its Redis connection closes with it)
        c.io.sockets().onServerSideEmitWithAck("slow", (args, ack) -> new Thread(c::close).start());
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.io.sockets().serverSideEmitWithAck("slow").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ClusterTimeoutException.class)
                .hasMessage("timeout reached: only 1 responses received out of 2")
                .satisfies(e -> assertThat(((ClusterTimeoutException) e).responses()).containsExactly("B"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
        awaitServers(a, 2); // C's subscriptions are gone
    }
}
