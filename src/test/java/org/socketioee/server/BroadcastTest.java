package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.SocketIoFixture;
import org.socketioee.testing.RawSocketIo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms and broadcasts. "Received nothing" is asserted without waiting: a marker is broadcast to everyone after
 * the operation, and a connection delivers in order, so the marker must be the next packet.
 */
class BroadcastTest extends SocketIoFixture {
    record Client(RawSocketIo raw, Socket socket) {
        String next() throws Exception {
            return raw.next();
        }
    }

    Client client() throws Exception {
        RawSocketIo raw = RawSocketIo.open(server.port());
        raw.connect("/", null);
        Socket s = connected.poll(5, TimeUnit.SECONDS);
        assertThat(s).isNotNull();
        return new Client(raw, s);
    }

    void marker(Client... all) throws Exception {
        io.emit("marker");
        for (Client c : all) {
            assertThat(c.next()).isEqualTo("2[\"marker\"]");
        }
    }

    @Test
    void roomsReceiveAndOthersDoNot() throws Exception {
        Client a = client(), b = client(), c = client();
        a.socket().join("r");
        b.socket().join("r", "s");
        io.to("r").emit("hello", 1, Map.of("k", "v"));
        assertThat(a.next()).isEqualTo("2[\"hello\",1,{\"k\":\"v\"}]");
        assertThat(b.next()).isEqualTo("2[\"hello\",1,{\"k\":\"v\"}]");
        marker(a, b, c); // c got nothing before the marker

        // a socket in two target rooms gets the packet once
        io.to("r").to("s").emit("once");
        assertThat(a.next()).isEqualTo("2[\"once\"]");
        assertThat(b.next()).isEqualTo("2[\"once\"]");
        marker(a, b, c);

        io.to("r").except("s").emit("not-b");
        assertThat(a.next()).isEqualTo("2[\"not-b\"]");
        marker(a, b, c);

        b.socket().leave("r");
        io.in("r").emit("after-leave");
        assertThat(a.next()).isEqualTo("2[\"after-leave\"]");
        marker(a, b, c);
        assertThat(b.socket().rooms()).containsExactlyInAnyOrder(b.socket().id(), "s");
    }

    @Test
    void socketBroadcastExcludesTheSenderAndSocketToExcludesItToo() throws Exception {
        Client a = client(), b = client();
        a.socket().join("r");
        b.socket().join("r");
        a.socket().broadcast().emit("from-a");
        assertThat(b.next()).isEqualTo("2[\"from-a\"]");
        marker(a, b);
        a.socket().to("r").emit("room-from-a");
        assertThat(b.next()).isEqualTo("2[\"room-from-a\"]");
        marker(a, b);
        a.socket().except("nobody").emit("all-but-a");
        assertThat(b.next()).isEqualTo("2[\"all-but-a\"]");
        marker(a, b);
    }

    @Test
    void eachSocketIsInTheRoomOfItsOwnId() throws Exception {
        Client a = client(), b = client();
        io.to(a.socket().id()).emit("private");
        assertThat(a.next()).isEqualTo("2[\"private\"]");
        marker(a, b);
    }

    @Test
    void bulkOperations() throws Exception {
        Client a = client(), b = client();
        a.socket().join("x");
        a.socket().data().put("nick", "ann");
        List<RemoteSocket> inX = io.in("x").fetchSockets().get(5, TimeUnit.SECONDS);
        assertThat(inX).extracting(RemoteSocket::id).containsExactly(a.socket().id());
        assertThat(inX.get(0).rooms()).containsExactlyInAnyOrder(a.socket().id(), "x");
        assertThat(inX.get(0).data()).containsEntry("nick", "ann");
        assertThat(inX.get(0).handshake()).containsKeys("headers", "time", "address", "query", "auth");
        assertThat(io.fetchSockets().get(5, TimeUnit.SECONDS)).hasSize(2);

        io.socketsJoin("all").get(5, TimeUnit.SECONDS);
        assertThat(b.socket().rooms()).contains("all");
        io.in("x").socketsLeave("all").get(5, TimeUnit.SECONDS);
        assertThat(a.socket().rooms()).doesNotContain("all");

        inX.get(0).emit("via-remote", "hi");
        assertThat(a.next()).isEqualTo("2[\"via-remote\",\"hi\"]");

        io.in("all").disconnectSockets(false).get(5, TimeUnit.SECONDS);
        assertThat(b.next()).isEqualTo("1");
        assertThat(b.socket().connected()).isFalse();
        assertThat(a.socket().connected()).isTrue();
        assertThat(io.fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactly(a.socket().id());
    }

    @Test
    void serverSideEmitOnASingleNodeReachesNoOtherServer() throws Exception {
        assertThat(io.serverSideEmit("hello", 1).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void volatileGoesOutWhenTheTransportIsIdle() throws Exception {
        Client a = client();
        var session = io.engine().session(a.raw().engineId);
        // volatile goes out only when no send is in flight: wait for that (the CONNECT's send completing)
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(session::isWritable);
        io.asVolatile().emit("typing", "idle");
        assertThat(a.next()).isEqualTo("2[\"typing\",\"idle\"]");
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(session::isWritable);
        a.socket().asVolatile().emit("typing", "idle again");
        assertThat(a.next()).isEqualTo("2[\"typing\",\"idle again\"]");
    }
}
