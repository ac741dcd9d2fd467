package org.socketioee.adapter;

import org.junit.jupiter.api.Test;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's fan-out, on recording sockets: one encoding per broadcast, the same frames for every target, and
 * room arithmetic.
 */
class InMemoryAdapterTest {
    final Map<String, RecordingSocket> sockets = new HashMap<>();
    final List<String> writeOrder = new ArrayList<>(); // ids of the sockets written to, in order
    final AdapterNamespace nsp = new AdapterNamespace() {
        long ids;

        @Override
        public String name() {
            return "/";
        }

        @Override
        public AdapterSocket socket(String id) {
            return sockets.get(id);
        }

        @Override
        public long nextAckId() {
            return ids++;
        }

        @Override
        public void onRemoteServerSideEmit(SocketPacket packet, java.util.function.Consumer<Object> ack) {
        }

        @Override
        public void forgetAck(long ackId) {
        }
    };
    final InMemoryAdapter adapter = new InMemoryAdapter(nsp, null);

    final class RecordingSocket implements AdapterSocket {
        final String id;
        final List<EncodedFrames> written = new ArrayList<>();
        final List<SocketPacket> packets = new ArrayList<>();

        RecordingSocket(String id) {
            this.id = id;
            sockets.put(id, this);
            adapter.addAll(id, Set.of(id));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void write(SocketPacket packet, EncodedFrames frames, boolean volatileFlag) {
            written.add(frames);
            packets.add(packet);
            writeOrder.add(id);
        }

        @Override
        public void expectAck(long ackId, Consumer<Object> firstArgument) {
        }

        @Override
        public void joinRooms(Set<String> rooms) {
            adapter.addAll(id, rooms);
        }

        @Override
        public void leaveRooms(Set<String> rooms) {
            rooms.forEach(r -> adapter.del(id, r));
        }

        @Override
        public void disconnect(boolean close) {
            adapter.delAll(id);
        }

        @Override
        public SocketDetails details() {
            return new SocketDetails(id, Map.of(), adapter.socketRooms(id), Map.of());
        }
    }

    @Test
    void aBroadcastIsEncodedOnceAndEveryTargetWritesTheSameFrames() {
        List<RecordingSocket> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RecordingSocket s = new RecordingSocket("s" + i);
            s.joinRooms(Set.of("room"));
            all.add(s);
        }
        adapter.broadcast(PacketFactory.event("/", "msg", Map.of("text", "hi"), new byte[] {1}),
                BroadcastOptions.toRoom("room"));
        EncodedFrames first = all.get(0).written.get(0);
        for (RecordingSocket s : all) {
            assertThat(s.written).hasSize(1);
            assertThat(s.written.get(0)).isSameAs(first);
        }
        assertThat(first.packets()).hasSize(2);
        assertThat(first.packets().get(0).wire())
                .isEqualTo("451-[\"msg\",{\"text\":\"hi\"},{\"_placeholder\":true,\"num\":0}]");
        assertThat(first.packets().get(1).binary()).containsExactly(1);
    }

    /** As socket.io-adapter's Maps and Sets: members in the order they joined, rooms in the order they were made. */
    @Test
    void broadcastsAndListsFollowTheOrderOfJoining() {
        List<String> joined = new ArrayList<>();
        for (int i = 63; i >= 0; i--) { // ids whose hash order is not the joining order
            RecordingSocket s = new RecordingSocket("s" + i);
            s.joinRooms(Set.of("room"));
            joined.add(s.id);
        }
        adapter.broadcast(PacketFactory.event("/", "e"), BroadcastOptions.toRoom("room"));
        assertThat(writeOrder).containsExactlyElementsOf(joined);
        writeOrder.clear();
        adapter.broadcast(PacketFactory.event("/", "e"), BroadcastOptions.all());
        assertThat(writeOrder).containsExactlyElementsOf(joined);
        assertThat(new ArrayList<>(adapter.sockets(Set.of("room")))).containsExactlyElementsOf(joined);
        assertThat(new ArrayList<>(adapter.sockets(Set.of()))).containsExactlyElementsOf(joined);
        RecordingSocket t = new RecordingSocket("t");
        t.joinRooms(new java.util.LinkedHashSet<>(List.of("z", "a", "m")));
        assertThat(new ArrayList<>(adapter.socketRooms("t"))).containsExactly("t", "z", "a", "m");
    }

    @Test
    void roomsUnionExceptAndMembership() {
        RecordingSocket a = new RecordingSocket("a"), b = new RecordingSocket("b"), c = new RecordingSocket("c");
        a.joinRooms(Set.of("x", "y"));
        b.joinRooms(Set.of("y"));
        c.joinRooms(Set.of("z"));
        assertThat(adapter.sockets(Set.of("x", "y"))).containsExactlyInAnyOrder("a", "b");
        assertThat(adapter.sockets(Set.of())).containsExactlyInAnyOrder("a", "b", "c");
        adapter.broadcast(PacketFactory.event("/", "e"),
                new BroadcastOptions(Set.of("x", "y"), Set.of("x"), false, false, true, null));
        assertThat(a.written).isEmpty();
        assertThat(b.written).hasSize(1);
        assertThat(c.written).isEmpty();
        adapter.delAll("b");
        assertThat(adapter.rooms()).doesNotContain("b").contains("y", "x", "z");
        a.leaveRooms(Set.of("y"));
        assertThat(adapter.rooms()).doesNotContain("y");
    }

    @Test
    void recoveryLogIsBoundedAndReplaysOnlyWhatFollowsTheOffset() throws Exception {
        InMemoryAdapter recovering = new InMemoryAdapter(nsp, new RecoveryOptions(java.time.Duration.ofSeconds(60), true, 3));
        RecordingSocket a = new RecordingSocket("a");
        recovering.addAll("a", Set.of("a", "news"));
        for (int i = 0; i < 5; i++) {
            recovering.broadcast(PacketFactory.event("/", "e", i), BroadcastOptions.all());
        }
        recovering.broadcast(PacketFactory.event("/", "sport"), BroadcastOptions.toRoom("sports"));
        List<String> offsets = a.packets.stream()
                .map(p -> ((jakarta.json.JsonArray) p.data()).getString(2)).toList();
        assertThat(offsets).hasSize(5).doesNotHaveDuplicates();
        recovering.persistSession(new PersistedSession("a", "pid-a", Set.of("a", "news"), Map.of(), List.of()));
        // the log keeps the last 3 packets: events 3 and 4, then "sport"
        assertThat(recovering.restoreSession("pid-a", offsets.get(0)).get()).isNull();
        assertThat(recovering.restoreSession("unknown", offsets.get(4)).get()).isNull();
        PersistedSession s = recovering.restoreSession("pid-a", offsets.get(3)).get();
        assertThat(s.sid()).isEqualTo("a");
        assertThat(s.missedPackets()).hasSize(1); // event 4; "sport" went to a room "a" is not in
        assertThat(s.missedPackets().get(0).data().asJsonArray().getInt(1)).isEqualTo(4);
        // a session is restored once
        assertThat(recovering.restoreSession("pid-a", offsets.get(3)).get()).isNull();
    }

    @Test
    void binaryEventsGetAnOffsetAndAreReplayedWithTheirAttachments() throws Exception {
        InMemoryAdapter recovering = new InMemoryAdapter(nsp, RecoveryOptions.defaults());
        RecordingSocket a = new RecordingSocket("a");
        recovering.addAll("a", Set.of("a"));
        recovering.broadcast(PacketFactory.event("/", "first"), BroadcastOptions.all());
        recovering.broadcast(PacketFactory.event("/", "bin", Map.of("deep", List.of(new byte[] {7}))),
                BroadcastOptions.all());
        assertThat(a.written.get(1).packets().get(0).wire())
                .matches("451-\\[\"bin\",\\{\"deep\":\\[\\{\"_placeholder\":true,\"num\":0}]},\"[0-9a-z]+\"]");
        assertThat(a.written.get(1).packets().get(1).binary()).containsExactly(7);
        recovering.persistSession(new PersistedSession("a", "pid-a", Set.of("a"), Map.of(), List.of()));
        String offset = a.packets.get(0).data().asJsonArray().getString(1);
        assertThat(recovering.restoreSession("pid-a", offset).get().missedPackets()).containsExactly(a.packets.get(1));
    }

    /** Node's adapter events, in Node's order, each once; told after the lock is released (a listener may read). */
    @Test
    void roomEventsAsNodeEmitsThem() {
        List<String> events = new ArrayList<>();
        adapter.onCreateRoom(room -> events.add("create-room " + room));
        adapter.onDeleteRoom(room -> events.add("delete-room " + room));
        adapter.onJoinRoom((room, id) -> events.add("join-room " + room + " " + id + " " + adapter.sockets(Set.of(room)).size()));
        adapter.onLeaveRoom((room, id) -> events.add("leave-room " + room + " " + id));
        adapter.addAll("a", Set.of("r"));
        adapter.addAll("b", Set.of("r"));
        adapter.addAll("a", Set.of("r")); // already in: nothing
        adapter.del("a", "r");
        adapter.del("a", "r"); // not in: nothing
        adapter.delAll("b");
        assertThat(events).containsExactly("create-room r", "join-room r a 1", "join-room r b 2",
                "leave-room r a", "leave-room r b", "delete-room r");
    }
}
