package org.socketioee.parser;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketioee.parser.SocketPacketType.*;
import static org.socketioee.parser.Wire.bytes;
import static org.socketioee.parser.Wire.json;

class SocketPacketTest {
    @Test
    void typeCodes() {
        assertThat(SocketPacketType.values()).extracting(SocketPacketType::code).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(SocketPacketType.fromDigit('5')).isEqualTo(BINARY_EVENT);
        assertThat(SocketPacketType.fromDigit('7')).isNull();
        assertThat(SocketPacketType.fromDigit('/')).isNull();
        assertThat(BINARY_ACK.digit()).isEqualTo('6');
        assertThat(List.of(SocketPacketType.values())).filteredOn(SocketPacketType::isBinary)
                .containsExactly(BINARY_EVENT, BINARY_ACK);
    }

    @Test
    void defaultsAndNormalisation() {
        SocketPacket p = new SocketPacket(CONNECT, null, null, JsonValue.NULL);
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.data()).isNull();
        assertThat(p.ackId()).isNull();
        assertThat(p.hasAckId()).isFalse();
        assertThat(p.attachments()).isEmpty();
        assertThat(p.dataAsJava()).isNull();
    }

    @Test
    void constructorRejectsWhatCannotBeWritten() {
        assertThatThrownBy(() -> new SocketPacket(EVENT, "admin", null, json("[\"a\"]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketPacket(EVENT, "/a,b", null, json("[\"a\"]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketPacket(EVENT, "/", -1L, json("[\"a\"]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketPacket(EVENT, "/", null, json("[\"a\"]"), List.of(bytes(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EVENT cannot carry attachments");
        assertThatThrownBy(() -> new SocketPacket(null, "/", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void attachmentListIsImmutable() {
        List<byte[]> list = new ArrayList<>(List.of(bytes(1)));
        SocketPacket p = new SocketPacket(BINARY_EVENT, "/", null, json("[\"a\",{\"_placeholder\":true,\"num\":0}]"), list);
        list.clear();
        assertThat(p.attachments()).hasSize(1);
        assertThatThrownBy(() -> p.attachments().add(bytes(2))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eventNameAndArgs() {
        SocketPacket p = new SocketPacket(EVENT, "/", null, json("[\"chat\",\"hi\",{\"n\":1}]"));
        assertThat(p.isEvent()).isTrue();
        assertThat(p.isAck()).isFalse();
        assertThat(p.eventName()).isEqualTo("chat");
        assertThat(p.args()).containsExactly(json("\"hi\""), json("{\"n\":1}"));
        assertThat(p.javaArgs()).containsExactly("hi", Map.of("n", 1));
        assertThat(new SocketPacket(EVENT, "/", null, json("[1.50]")).eventName()).isEqualTo("1.5");
    }

    @Test
    void ackArgsAreTheWholeArray() {
        SocketPacket p = new SocketPacket(ACK, "/", 3L, json("[\"a\",2]"));
        assertThat(p.isAck()).isTrue();
        assertThat(p.args()).containsExactly(json("\"a\""), json("2"));
        assertThatThrownBy(p::eventName).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void helpersRefuseOtherTypes() {
        SocketPacket connect = new SocketPacket(CONNECT, "/", null, json("{}"));
        assertThatThrownBy(connect::eventName).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connect::args).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void javaTree() {
        SocketPacket p = new SocketPacket(EVENT, "/", null, json("[\"e\",{\"z\":null,\"a\":[true,false,\"s\"],"
                + "\"i\":1,\"f\":1.0,\"d\":1.5,\"l\":12345678901,\"big\":1e30,\"neg\":-7,\"exp\":2e3,\"tiny\":1e-5}]"));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) p.javaArgs().get(0);
        assertThat(m).containsKeys("z", "a", "i", "f", "d", "l", "big", "neg", "exp", "tiny");
        assertThat(new ArrayList<>(m.keySet())).containsExactly("z", "a", "i", "f", "d", "l", "big", "neg", "exp", "tiny");
        assertThat(m.get("z")).isNull();
        assertThat(m.get("a")).isEqualTo(List.of(true, false, "s"));
        assertThat(m.get("i")).isEqualTo(1);
        assertThat(m.get("f")).isEqualTo(1);
        assertThat(m.get("d")).isEqualTo(1.5);
        assertThat(m.get("l")).isEqualTo(12345678901L);
        assertThat(m.get("big")).isEqualTo(1e30);
        assertThat(m.get("neg")).isEqualTo(-7);
        assertThat(m.get("exp")).isEqualTo(2000);
        assertThat(m.get("tiny")).isEqualTo(1e-5);
        assertThat(p.dataAsJava()).isEqualTo(List.of("e", m));
    }

    @Test
    void placeholdersResolveOnlyInBinaryPackets() {
        byte[] a = bytes(1, 2);
        JsonValue data = json("[\"e\",{\"_placeholder\":true,\"num\":0,\"extra\":1},{\"_placeholder\":true,\"num\":5}]");
        SocketPacket binary = new SocketPacket(BINARY_EVENT, "/", null, data, List.of(a));
        assertThat(binary.attachment(binary.args().get(0))).isSameAs(a);
        assertThat(binary.attachment(binary.args().get(1))).isNull(); // out of range: not one of ours
        assertThat(binary.attachment(json("\"s\""))).isNull();
        assertThat(binary.javaArgs().get(0)).isSameAs(a);
        assertThat(binary.javaArgs().get(1)).isEqualTo(Map.of("_placeholder", true, "num", 5));
        assertThat(binary.toJava(binary.args().get(0))).isSameAs(a);
    }

    @Test
    void equalityComparesAttachmentContents() {
        JsonValue data = json("[\"e\",{\"_placeholder\":true,\"num\":0}]");
        SocketPacket a = new SocketPacket(BINARY_EVENT, "/x", 1L, data, List.of(bytes(1, 2)));
        SocketPacket b = new SocketPacket(BINARY_EVENT, "/x", 1L, data, List.of(bytes(1, 2)));
        SocketPacket c = new SocketPacket(BINARY_EVENT, "/x", 1L, data, List.of(bytes(1, 3)));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(new SocketPacket(BINARY_EVENT, "/y", 1L, data, List.of(bytes(1, 2))));
        assertThat(a).isNotEqualTo(new SocketPacket(BINARY_EVENT, "/x", null, data, List.of(bytes(1, 2))));
    }

    @Test
    void toStringIsShortAndReadable() {
        SocketPacket p = new SocketPacket(BINARY_ACK, "/admin", 4L, json("[{\"_placeholder\":true,\"num\":0}]"), List.of(bytes(1)));
        assertThat(p).hasToString("SocketPacket[BINARY_ACK /admin id=4 [{\"_placeholder\":true,\"num\":0}] +1 attachment(s)]");
        SocketPacket big = new SocketPacket(EVENT, "/", null, json("[\"" + "x".repeat(1000) + "\"]"));
        assertThat(big.toString()).hasSizeLessThan(260);
    }
}
