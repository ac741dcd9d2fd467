package org.socketioee.adapter.redis;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.socketioee.parser.JavaTree;
import org.socketioee.parser.PacketFactory;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MessagePack codec byte for byte against notepack.io 3.0.1 (what {@code @socket.io/redis-adapter} and the
 * emitter use): every integer width both signs, floats, string and binary lengths across each format's bounds,
 * long arrays and maps, nested binary, as in a broadcast message.
 */
class NotepackTest {
    private static final String VALUES = "[\"uid123\", {\"type\": 2, \"data\": [\"ev\", 0, 127, 128, 255, 256, 65535,"
            + " 65536, 4294967295, 4294967296, -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649,"
            + " 1.5, -0.25, 1.5e-7, \"\", \"" + "a".repeat(31) + "\", \"" + "b".repeat(32) + "\", \"" + "c".repeat(300)
            + "\", \"\u00e9\u20ac\ud83d\ude00\", true, false, null, {\"$bin\": \"" + Base64.getEncoder().encodeToString(new byte[300])
            + "\"}, {\"$bin\": \"AQID\"}, [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17],"
            + " {\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,"
            + "\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16}, {\"nested\": [{\"$bin\": \"/w==\"}]}], \"nsp\": \"/\"},"
            + " {\"rooms\": [\"r\"], \"except\": [], \"flags\": {\"volatile\": true}}]";

    @Test
    void encodesAsNotepackDoesAndReadsItBack() {
        Node.require();
        Node.Result r = Node.run(Duration.ofSeconds(30), "notepack-encode.mjs", VALUES);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        byte[] node = HexFormat.of().parseHex(r.lastLine());

        Object tree = withBinary(JavaTree.of(Json.createReader(new StringReader(VALUES)).readValue(), null));
        assertThat(HexFormat.of().formatHex(Notepack.encode(tree))).isEqualTo(r.lastLine());
        assertThat(HexFormat.of().formatHex(Notepack.encode(Notepack.decode(node)))).isEqualTo(r.lastLine());
    }

    @Test
    void aBroadcastPacketIsSocketIoParsersObjectWithBinaryInside() {
        Map<String, Object> tree = ClusterPacket.toTree(PacketFactory.event("/chat", "file", "a.txt", new byte[] {1, 2}));
        assertThat(HexFormat.of().formatHex(Notepack.encode(tree)))
                // {type: 2, data: ["file", "a.txt", <bin 0102>], nsp: "/chat"}
                .isEqualTo("83a47479706502a46461746193a466696c65a5612e747874c4020102a36e7370a52f63686174");
        assertThat(ClusterPacket.fromTree(Notepack.decode(Notepack.encode(tree)), "/chat", null))
                .isEqualTo(PacketFactory.event("/chat", "file", "a.txt", new byte[] {1, 2}));
    }

    /** {"$bin": base64} maps as byte[], as the Node script reads them. */
    private static Object withBinary(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("$bin") instanceof String b64) {
                return Base64.getDecoder().decode(b64);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, withBinary(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(withBinary(x)));
            return out;
        }
        return v;
    }
}
