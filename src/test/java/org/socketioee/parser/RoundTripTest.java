package org.socketioee.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketioee.parser.Wire.bytes;

/** Wire text to packet and back gives the same text, for every packet type. */
class RoundTripTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "0", "0/admin,", "0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", "0/admin,{\"token\":\"123\"}",
            "1", "1/admin,",
            "2[\"foo\"]", "2[\"hello\",1]", "2/admin,[\"bar\"]", "212[\"foo\"]", "21[\"ack-me\"]", "2/admin,1[\"tellme\"]",
            "2[\"e\",{\"z\":1,\"a\":[1.5,-2,true,false,null,\"s\"],\"o\":{}},[]]", "2[7,\"numeric name\"]",
            "2[\"😀\",\"é\",\"\\u0001\\n\\\"\\\\\"]", "2[\"lone\",\"\\ud83d\"]",
            "3[]", "312[]", "3/admin,13[\"bar\"]", "3/admin,13[[],{},null]",
            "4{\"message\":\"Not authorized\"}", "4/admin,{\"message\":\"Invalid namespace\"}",
            "4{\"message\":\"m\",\"data\":{\"code\":42}}", "4\"legacy\"",
            "50-[\"nothing attached\"]",
    })
    void textPackets(String wire) throws Exception {
        SocketPacket p = new PacketDecoder().decode(wire);
        EncodedPacket e = PacketEncoder.encode(p);
        assertThat(e.text()).isEqualTo(wire);
        assertThat(e.attachments()).isEmpty();
        assertThat(new PacketDecoder().decode(e.text())).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "51-[\"baz\",{\"_placeholder\":true,\"num\":0}]",
            "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]",
            "61-/admin,1[{\"_placeholder\":true,\"num\":0}]",
            "53-/x,9[\"d\",{\"a\":{\"b\":[{\"_placeholder\":true,\"num\":2}]}},[{\"_placeholder\":true,\"num\":0}],{\"_placeholder\":true,\"num\":1}]",
    })
    void binaryPackets(String wire) throws Exception {
        int count = wire.charAt(1) - '0';
        List<byte[]> attachments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            attachments.add(bytes(i, 255 - i, 128));
        }
        SocketPacket p = Wire.decode(new PacketDecoder(), wire, attachments);
        EncodedPacket e = PacketEncoder.encode(p);
        assertThat(e.text()).isEqualTo(wire);
        assertThat(e.attachments()).containsExactlyElementsOf(attachments);
        assertThat(Wire.decode(e)).isEqualTo(p);
    }

    @Test
    void equivalentSpellingsAreNormalised() throws Exception {
        PacketDecoder d = new PacketDecoder();
        // explicit main namespace, escapes, spacing and number forms are written the canonical way
        assertThat(PacketEncoder.encode(d.decode("2/,012[ \"a\" , 1.0 ,1E2,\"\\u0041\\/\"]")).text())
                .isEqualTo("212[\"a\",1,100,\"A/\"]");
        assertThat(PacketEncoder.encode(d.decode("1/admin")).text()).isEqualTo("1/admin,");
    }
}
