package org.socketioee.parser;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketioee.parser.SocketPacketType.*;
import static org.socketioee.parser.Wire.bytes;

class PacketFactoryTest {
    private static final String P0 = "{\"_placeholder\":true,\"num\":0}";
    private static final String P1 = "{\"_placeholder\":true,\"num\":1}";
    private static final String P2 = "{\"_placeholder\":true,\"num\":2}";

    public record Point(int x, int y) {
    }

    public record Upload(String name, byte[] data, List<byte[]> parts, Point at) {
    }

    public record Wrapper(Upload upload, Map<String, Object> extra) {
    }

    public static class Bean {
        public String title = "t";
        public byte[] thumb = bytes(7);
        private ByteBuffer body = ByteBuffer.wrap(bytes(8, 9));
        public String missing;

        public ByteBuffer getBody() {
            return body;
        }
    }

    private static String text(SocketPacket p) {
        return PacketEncoder.encode(p).text();
    }

    @Test
    void plainEvents() {
        assertThat(text(PacketFactory.event("/", "hello", 1))).isEqualTo("2[\"hello\",1]");
        assertThat(text(PacketFactory.event("/", "foo"))).isEqualTo("2[\"foo\"]");
        assertThat(text(PacketFactory.event("/admin", "bar"))).isEqualTo("2/admin,[\"bar\"]");
        assertThat(text(PacketFactory.eventWithAck("/", "ack-me", 1))).isEqualTo("21[\"ack-me\"]");
        assertThat(text(PacketFactory.eventWithAck("/admin", "tellme", 1, "x"))).isEqualTo("2/admin,1[\"tellme\",\"x\"]");
        assertThat(PacketFactory.event("/", "foo").type()).isEqualTo(EVENT);
    }

    @Test
    void argumentTypes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", null);
        map.put("list", List.of(1, "two"));
        SocketPacket p = PacketFactory.event("/", "types", "s\"\n", 1, 2L, 1.5, 1.0, 0.1 + 0.2, true, null,
                new BigDecimal("12.50"), 'c', new int[]{1, 2}, new String[]{"x"}, List.of(), map, new Point(3, 4),
                Json.createObjectBuilder().add("j", JsonValue.TRUE).build(), JsonValue.NULL, Long.MAX_VALUE);
        assertThat(text(p)).isEqualTo("2[\"types\",\"s\\\"\\n\",1,2,1.5,1,0.30000000000000004,true,null,12.5,\"c\","
                + "[1,2],[\"x\"],[],{\"b\":2,\"a\":null,\"list\":[1,\"two\"]},{\"x\":3,\"y\":4},{\"j\":true},null,"
                + "9223372036854775807]");
    }

    @Test
    void noArgumentsAndNullArray() {
        assertThat(text(PacketFactory.event("/", "e", (Object[]) null))).isEqualTo("2[\"e\"]");
        assertThat(text(PacketFactory.event("/", "e", (Object) null))).isEqualTo("2[\"e\",null]");
        assertThat(text(PacketFactory.ack("/", 12))).isEqualTo("312[]");
        assertThat(text(PacketFactory.ack("/", 12, (Object[]) null))).isEqualTo("312[]");
    }

    @Test
    void acks() {
        assertThat(text(PacketFactory.ack("/admin", 13, "bar"))).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(PacketFactory.ack("/admin", 13, "bar").type()).isEqualTo(ACK);
    }

    @Test
    void topLevelBinaryMakesABinaryEvent() {
        byte[] a = bytes(1, 2, 3, 4);
        SocketPacket p = PacketFactory.event("/", "baz", a);
        assertThat(p.type()).isEqualTo(BINARY_EVENT);
        EncodedPacket e = PacketEncoder.encode(p);
        assertThat(e.text()).isEqualTo("51-[\"baz\"," + P0 + "]");
        assertThat(e.attachments()).containsExactly(a);
        assertThat(e.attachments().get(0)).isSameAs(a); // handed over, not copied
    }

    @Test
    void multipleAttachmentsAreNumberedInOrder() {
        byte[] a = bytes(1, 2);
        byte[] b = bytes(3, 4);
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/admin", "baz", a, b));
        assertThat(e.text()).isEqualTo("52-/admin,[\"baz\"," + P0 + "," + P1 + "]");
        assertThat(e.attachments()).containsExactly(a, b);
    }

    @Test
    void binaryAck() {
        SocketPacket p = PacketFactory.ack("/", 15, "bar", bytes(1, 2, 3, 4));
        assertThat(p.type()).isEqualTo(BINARY_ACK);
        assertThat(text(p)).isEqualTo("61-15[\"bar\"," + P0 + "]");
    }

    @Test
    void binaryInsideMapsAndLists() {
        byte[] a = bytes(1);
        byte[] b = bytes(2);
        byte[] c = bytes(3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", a);
        m.put("more", List.of(List.of(b), Map.of("deep", c)));
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "up", m));
        assertThat(e.text()).isEqualTo("53-[\"up\",{\"file\":" + P0 + ",\"more\":[[" + P1 + "],{\"deep\":" + P2 + "}]}]");
        assertThat(e.attachments()).containsExactly(a, b, c);
    }

    @Test
    void binaryInRecordFieldsWinsOverYassonsByteArrayHandling() {
        // Yasson alone writes a byte[] property as an array of numbers; the placeholder serializer must win
        byte[] data = bytes(1, 2, 3);
        byte[] part = bytes(4);
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "rec",
                new Upload("f.bin", data, List.of(part), new Point(1, 2))));
        // JSON-B's default property order is lexicographic
        assertThat(e.text()).isEqualTo("52-[\"rec\",{\"at\":{\"x\":1,\"y\":2},\"data\":" + P0 + ",\"name\":\"f.bin\","
                + "\"parts\":[" + P1 + "]}]");
        assertThat(e.attachments()).containsExactly(data, part);
    }

    @Test
    void binaryInNestedRecordsAndTheirMaps() {
        byte[] data = bytes(1);
        byte[] extra = bytes(2);
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "nest",
                new Wrapper(new Upload("n", data, List.of(), null), Map.of("x", extra))));
        // numbered in writing order, as socket.io-parser numbers its depth-first walk; null "at" left out
        assertThat(e.text()).isEqualTo("52-[\"nest\",{\"extra\":{\"x\":" + P0 + "},\"upload\":{\"data\":" + P1
                + ",\"name\":\"n\",\"parts\":[]}}]");
        assertThat(e.attachments()).containsExactly(extra, data);
    }

    @Test
    void binaryInBeanFieldsAndGetters() {
        Bean bean = new Bean();
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "bean", bean));
        // null properties are left out (JSON-B default)
        assertThat(e.text()).isEqualTo("52-[\"bean\",{\"body\":" + P0 + ",\"thumb\":" + P1 + ",\"title\":\"t\"}]");
        assertThat(e.attachments().get(0)).containsExactly(8, 9);
        assertThat(e.attachments().get(1)).isSameAs(bean.thumb);
    }

    @Test
    void byteBufferSendsItsRemainingBytesWithoutConsumingThem() {
        ByteBuffer heap = ByteBuffer.wrap(bytes(0, 1, 2, 3, 4));
        heap.position(1).limit(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(bytes(5, 6)).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(bytes(7)).asReadOnlyBuffer();
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "bb", heap, List.of(direct), readOnly));
        assertThat(e.text()).isEqualTo("53-[\"bb\"," + P0 + ",[" + P1 + "]," + P2 + "]");
        assertThat(e.attachments().get(0)).containsExactly(1, 2, 3);
        assertThat(e.attachments().get(1)).containsExactly(5, 6);
        assertThat(e.attachments().get(2)).containsExactly(7);
        assertThat(heap.position()).isEqualTo(1);
        assertThat(direct.remaining()).isEqualTo(2);
    }

    @Test
    void emptyByteArrayIsStillAnAttachment() {
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "empty", (Object) new byte[0]));
        assertThat(e.text()).isEqualTo("51-[\"empty\"," + P0 + "]");
        assertThat(e.attachments().get(0)).isEmpty();
    }

    @Test
    void binaryRoundTripThroughTheDecoder() throws Exception {
        byte[] a = bytes(1, 2, 3);
        SocketPacket sent = PacketFactory.eventWithAck("/chat", "file", 42, "name.txt", Map.of("content", a));
        SocketPacket received = Wire.decode(PacketEncoder.encode(sent));
        assertThat(received).isEqualTo(sent);
        assertThat(received.eventName()).isEqualTo("file");
        assertThat(received.ackId()).isEqualTo(42L);
        assertThat(received.javaArgs()).containsExactly("name.txt", Map.of("content", a));
    }

    @Test
    void reservedAndNullEventNamesAreRefused() {
        for (String reserved : PayloadRules.RESERVED_EVENT_NAMES) {
            assertThatThrownBy(() -> PacketFactory.event("/", reserved, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved event name");
        }
        assertThatThrownBy(() -> PacketFactory.event("/", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullAsNodeWritesThem() throws Exception {
        assertThat(PacketEncoder.encode(PacketFactory.event("/", "nan", Double.NaN, Double.NEGATIVE_INFINITY)).text())
                .isEqualTo("2[\"nan\",null,null]");
        // a number beyond a double reaches a catch-all listener as Infinity (as JSON.parse makes it), and echoing
        // it writes null, as Node's socket.io does (found by fuzzing: session/echo-infinity)
        SocketPacket in = new PacketDecoder().decode("2[\"to\",1e999,-1e999,[1e999]]");
        assertThat(in.javaArgs()).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                List.of(Double.POSITIVE_INFINITY));
        assertThat(PacketEncoder.encode(PacketFactory.event("/", "msg", in.javaArgs().toArray())).text())
                .isEqualTo("2[\"msg\",null,null,[null]]");
    }

    @Test
    void unserializableValuesAreIllegalArguments() {
        record WithNaN(double x) {
        }
        assertThatThrownBy(() -> PacketFactory.event("/", "nan", new WithNaN(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectDisconnectAndErrors() {
        assertThat(text(PacketFactory.connect("/", "wZX3oN0bSVIhsaknAAAI"))).isEqualTo("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
        assertThat(text(PacketFactory.connect("/admin", "oSO0"))).isEqualTo("0/admin,{\"sid\":\"oSO0\"}");
        assertThat(text(PacketFactory.disconnect("/admin"))).isEqualTo("1/admin,");
        assertThat(text(PacketFactory.disconnect("/"))).isEqualTo("1");
        assertThat(text(PacketFactory.connectError("/admin", "Invalid namespace", null)))
                .isEqualTo("4/admin,{\"message\":\"Invalid namespace\"}");
        assertThat(text(PacketFactory.connectError("/", "Not authorized", Map.of("code", 401))))
                .isEqualTo("4{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
        assertThatThrownBy(() -> PacketFactory.connectError("/", "m", Map.of("b", bytes(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
    }

    @Test
    void sameArgumentsGiveTheSameFrames() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1.25);
        m.put("a", new Point(1, 2));
        String first = text(PacketFactory.event("/", "d", m, "x"));
        for (int i = 0; i < 5; i++) {
            assertThat(text(PacketFactory.event("/", "d", m, "x"))).isEqualTo(first);
        }
        assertThat(first).isEqualTo("2[\"d\",{\"z\":1.25,\"a\":{\"x\":1,\"y\":2}},\"x\"]");
    }

    /** A getter that itself builds a packet, to show the attachment lists of nested calls stay apart. */
    public static class Reentrant {
        public byte[] getA() {
            return bytes(1);
        }

        public String getB() {
            SocketPacket inner = PacketFactory.event("/", "inner", bytes(9), bytes(9));
            return inner.attachments().size() + " inner";
        }

        public byte[] getC() {
            return bytes(3);
        }
    }

    @Test
    void nestedSerializationKeepsItsOwnAttachments() {
        EncodedPacket e = PacketEncoder.encode(PacketFactory.event("/", "outer", new Reentrant()));
        assertThat(e.text()).isEqualTo("52-[\"outer\",{\"a\":" + P0 + ",\"b\":\"2 inner\",\"c\":" + P1 + "}]");
        assertThat(e.attachments().get(0)).containsExactly(1);
        assertThat(e.attachments().get(1)).containsExactly(3);
    }

    @Test
    void concurrentCallsDoNotShareAttachments() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 200; t++) {
                int n = t % 5 + 1;
                results.add(pool.submit(() -> {
                    List<byte[]> arrays = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        arrays.add(bytes(n, i));
                    }
                    SocketPacket p = PacketFactory.event("/", "c", arrays);
                    if (p.attachments().size() != n) {
                        return false;
                    }
                    for (int i = 0; i < n; i++) {
                        if (p.attachments().get(i) != arrays.get(i)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
