package org.socketioee.parser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketioee.parser.SocketPacketType.*;
import static org.socketioee.parser.Wire.bytes;
import static org.socketioee.parser.Wire.json;

/** The examples of the protocol spec, and a few more, exactly as socket.io-parser writes them. */
class PacketEncoderTest {
    private static String text(SocketPacket p) {
        return PacketEncoder.encode(p).text();
    }

    @Test
    void connect() {
        assertThat(text(new SocketPacket(CONNECT, "/", null, null))).isEqualTo("0");
        assertThat(text(new SocketPacket(CONNECT, "/admin", null, null))).isEqualTo("0/admin,");
        assertThat(text(new SocketPacket(CONNECT, "/admin", null, json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"))))
                .isEqualTo("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        assertThat(text(new SocketPacket(CONNECT, null, null, json("{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}"))))
                .isEqualTo("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
    }

    @Test
    void connectError() {
        assertThat(text(new SocketPacket(CONNECT_ERROR, "/", null, json("{\"message\":\"Not authorized\"}"))))
                .isEqualTo("4{\"message\":\"Not authorized\"}");
        assertThat(text(new SocketPacket(CONNECT_ERROR, "/admin", null, json("{\"message\":\"Invalid namespace\"}"))))
                .isEqualTo("4/admin,{\"message\":\"Invalid namespace\"}");
        assertThat(text(new SocketPacket(CONNECT_ERROR, "/", null, json("\"legacy\"")))).isEqualTo("4\"legacy\"");
    }

    @Test
    void disconnect() {
        assertThat(text(new SocketPacket(DISCONNECT, "/", null, null))).isEqualTo("1");
        assertThat(text(new SocketPacket(DISCONNECT, "/admin", null, null))).isEqualTo("1/admin,");
    }

    @Test
    void event() {
        assertThat(text(new SocketPacket(EVENT, "/", null, json("[\"foo\"]")))).isEqualTo("2[\"foo\"]");
        assertThat(text(new SocketPacket(EVENT, "/", null, json("[\"hello\",1]")))).isEqualTo("2[\"hello\",1]");
        assertThat(text(new SocketPacket(EVENT, "/admin", null, json("[\"bar\"]")))).isEqualTo("2/admin,[\"bar\"]");
        assertThat(text(new SocketPacket(EVENT, "/", 12L, json("[\"foo\"]")))).isEqualTo("212[\"foo\"]");
        assertThat(text(new SocketPacket(EVENT, "/", 1L, json("[\"ack-me\"]")))).isEqualTo("21[\"ack-me\"]");
        assertThat(text(new SocketPacket(EVENT, "/admin", 1L, json("[\"tellme\"]")))).isEqualTo("2/admin,1[\"tellme\"]");
        assertThat(text(new SocketPacket(EVENT, "/", 0L, json("[\"zero\"]")))).isEqualTo("20[\"zero\"]");
    }

    @Test
    void ack() {
        assertThat(text(new SocketPacket(ACK, "/", 12L, json("[]")))).isEqualTo("312[]");
        assertThat(text(new SocketPacket(ACK, "/admin", 13L, json("[\"bar\"]")))).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(text(new SocketPacket(ACK, "/admin", 13L, json("[{\"a\":[1,2]},null,true]"))))
                .isEqualTo("3/admin,13[{\"a\":[1,2]},null,true]");
    }

    @Test
    void binaryEventWithItsAttachments() {
        byte[] a = bytes(1, 2, 3, 4);
        EncodedPacket e = PacketEncoder.encode(new SocketPacket(BINARY_EVENT, "/", null,
                json("[\"baz\",{\"_placeholder\":true,\"num\":0}]"), List.of(a)));
        assertThat(e.text()).isEqualTo("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(e.attachments()).containsExactly(a);
    }

    @Test
    void multipleAttachmentsInOrder() {
        byte[] a = bytes(1, 2);
        byte[] b = bytes(3, 4);
        EncodedPacket e = PacketEncoder.encode(new SocketPacket(BINARY_EVENT, "/admin", null,
                json("[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"), List.of(a, b)));
        assertThat(e.text())
                .isEqualTo("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(e.attachments()).containsExactly(a, b);
    }

    @Test
    void binaryAck() {
        EncodedPacket e = PacketEncoder.encode(new SocketPacket(BINARY_ACK, "/", 15L,
                json("[\"bar\",{\"_placeholder\":true,\"num\":0}]"), List.of(bytes(1, 2, 3, 4))));
        assertThat(e.text()).isEqualTo("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
        EncodedPacket sample = PacketEncoder.encode(new SocketPacket(BINARY_ACK, "/admin", 1L,
                json("[{\"_placeholder\":true,\"num\":0}]"), List.of(bytes(9))));
        assertThat("4" + sample.text()).isEqualTo("461-/admin,1[{\"_placeholder\":true,\"num\":0}]");
    }

    @Test
    void binaryTypeWithoutAttachmentsStillCarriesTheCount() {
        assertThat(text(new SocketPacket(BINARY_EVENT, "/", null, json("[\"a\"]")))).isEqualTo("50-[\"a\"]");
    }

    @Test
    void jsonNullPayloadIsNotWritten() {
        // socket.io-parser: `if (null != obj.data)`
        assertThat(text(new SocketPacket(CONNECT, "/", null, json("null")))).isEqualTo("0");
    }

    @Test
    void numbersAndStringsAsJsonStringify() {
        assertThat(text(new SocketPacket(EVENT, "/", null, json("[\"n\",1.0,1.0E+2,1e-7,-0,\"a\\u0001\\\"\"]"))))
                .isEqualTo("2[\"n\",1,100,1e-7,0,\"a\\u0001\\\"\"]");
    }

    @Test
    void encodingIsDeterministic() {
        SocketPacket p = new SocketPacket(BINARY_EVENT, "/x", 7L,
                json("[\"e\",{\"b\":2,\"a\":{\"_placeholder\":true,\"num\":0},\"c\":[3.50,\"\\u00e9\"]}]"), List.of(bytes(5)));
        EncodedPacket first = PacketEncoder.encode(p);
        EncodedPacket second = PacketEncoder.encode(p);
        assertThat(second.text()).isEqualTo(first.text())
                .isEqualTo("51-/x,7[\"e\",{\"b\":2,\"a\":{\"_placeholder\":true,\"num\":0},\"c\":[3.5,\"é\"]}]");
        assertThat(second.attachments()).containsExactlyElementsOf(first.attachments());
    }
}
