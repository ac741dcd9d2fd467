package org.socketioee.engine.parser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketCodecTest {
    @Test
    void decodesEveryPacketType() throws Exception {
        assertThat(PacketCodec.decode("0{\"sid\":\"x\"}").type()).isEqualTo(PacketType.OPEN);
        assertThat(PacketCodec.decode("1").type()).isEqualTo(PacketType.CLOSE);
        assertThat(PacketCodec.decode("2probe").text()).isEqualTo("probe");
        assertThat(PacketCodec.decode("3").type()).isEqualTo(PacketType.PONG);
        assertThat(PacketCodec.decode("4hello").text()).isEqualTo("hello");
        assertThat(PacketCodec.decode("5").type()).isEqualTo(PacketType.UPGRADE);
        assertThat(PacketCodec.decode("6").type()).isEqualTo(PacketType.NOOP);
        assertThat(PacketCodec.decode("6").text()).isNull();
    }

    @Test
    void anEmptyMessageHasAnEmptyTextNotNull() throws Exception {
        // regression: "4" reached the Socket.IO decoder as a null text, a SEVERE NullPointerException per input
        assertThat(PacketCodec.decode("4").text()).isEmpty();
        assertThat(PacketCodec.decodePayload("4\u001e4").get(1).text()).isEmpty();
    }

    @Test
    void payloadsSplitOnTheRecordSeparatorWithBase64Binary() throws Exception {
        List<Packet> ps = PacketCodec.decodePayload("4hello\u001e2\u001e4world\u001ebAQIDBA==");
        assertThat(ps).extracting(Packet::type).containsExactly(PacketType.MESSAGE, PacketType.PING,
                PacketType.MESSAGE, PacketType.MESSAGE);
        assertThat(ps.get(2).text()).isEqualTo("world");
        assertThat(ps.get(3).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void base64WrappedInLinesAsTheJavaClientWritesItDecodes() throws Exception {
        // engine.io-client-java: Android's Base64.DEFAULT, 76-character lines each ended by "\n"
        String wrapped = "A".repeat(76) + "\n" + "AQID\n";
        List<Packet> ps = PacketCodec.decodePayload("b" + wrapped + "\u001eb" + "AQIDBA==\n");
        assertThat(ps.get(0).binary()).hasSize(57 + 3).endsWith(1, 2, 3);
        assertThat(ps.get(1).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void encodesPayloadsExactlyAsTheSpecExample() {
        assertThat(PacketCodec.encodePayload(List.of(Packet.message("hello"), Packet.message(new byte[] {1, 2, 3, 4}))))
                .isEqualTo("4hello\u001ebAQIDBA==");
        assertThat(PacketCodec.encodePayload(List.of(Packet.PING))).isEqualTo("2");
        assertThat(Packet.message("€").wire()).isEqualTo("4€");
    }

    @Test
    void rejectsWhatIsNotAPacket() {
        assertThatThrownBy(() -> PacketCodec.decode("")).isInstanceOf(EngineParseException.class);
        assertThatThrownBy(() -> PacketCodec.decode("7")).hasMessageContaining("unknown packet type '7'");
        assertThatThrownBy(() -> PacketCodec.decode("x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> PacketCodec.decode("b!!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PacketCodec.decodePayload("4a\u001e\u001e4b")).hasMessageContaining("empty");
    }
}
