package org.socketioee.parser;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketioee.parser.SocketPacketType.*;
import static org.socketioee.parser.Wire.bytes;
import static org.socketioee.parser.Wire.json;

class PacketDecoderTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private SocketPacket decode(String text) throws SocketParseException {
        SocketPacket p = decoder.decode(text);
        assertThat(p).as("complete packet for %s", text).isNotNull();
        return p;
    }

    private void assertRejected(String text, String messageFragment) {
        assertThatThrownBy(() -> decoder.decode(text)).as(text)
                .isInstanceOf(SocketParseException.class).hasMessageContaining(messageFragment);
        assertThat(decoder.isAwaitingAttachments()).isFalse();
    }

    // ---- valid packets

    @Test
    void connect() throws Exception {
        assertThat(decode("0")).isEqualTo(new SocketPacket(CONNECT, "/", null, null));
        assertThat(decode("0/admin,")).isEqualTo(new SocketPacket(CONNECT, "/admin", null, null));
        SocketPacket withAuth = decode("0/admin,{\"token\":\"123\"}");
        assertThat(withAuth.namespace()).isEqualTo("/admin");
        assertThat(withAuth.data()).isEqualTo(json("{\"token\":\"123\"}"));
        assertThat(decode("0{}").data()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void disconnect() throws Exception {
        assertThat(decode("1")).isEqualTo(new SocketPacket(DISCONNECT, "/", null, null));
        assertThat(decode("1/admin,")).isEqualTo(new SocketPacket(DISCONNECT, "/admin", null, null));
    }

    @Test
    void namespaceWithoutCommaRunsToTheEnd() throws Exception {
        // socket.io-parser reads "1/admin" as a DISCONNECT from /admin
        assertThat(decode("1/admin")).isEqualTo(new SocketPacket(DISCONNECT, "/admin", null, null));
        assertThat(decode("0/admin")).isEqualTo(new SocketPacket(CONNECT, "/admin", null, null));
    }

    @Test
    void namespaceEndsAtTheFirstComma() throws Exception {
        SocketPacket p = decode("2/a-b.c_d~é,[\"x,y\",\"/z,\"]");
        assertThat(p.namespace()).isEqualTo("/a-b.c_d~é");
        assertThat(p.data()).isEqualTo(json("[\"x,y\",\"/z,\"]"));
        assertThat(decode("2/,[\"x\"]").namespace()).isEqualTo("/");
    }

    @Test
    void connectError() throws Exception {
        assertThat(decode("4{\"message\":\"Not authorized\"}").data()).isEqualTo(json("{\"message\":\"Not authorized\"}"));
        assertThat(decode("4/admin,\"legacy string\"").data()).isEqualTo(json("\"legacy string\""));
    }

    @Test
    void event() throws Exception {
        SocketPacket p = decode("2[\"hello\",1,{\"a\":[true,null]}]");
        assertThat(p.type()).isEqualTo(EVENT);
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.ackId()).isNull();
        assertThat(p.eventName()).isEqualTo("hello");
        assertThat(p.args()).containsExactly(json("1"), json("{\"a\":[true,null]}"));
    }

    @Test
    void eventWithAckIdAndNamespace() throws Exception {
        SocketPacket p = decode("2/admin,12[\"foo\"]");
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.ackId()).isEqualTo(12L);
        assertThat(decode("21[\"ack-me\"]").ackId()).isEqualTo(1L);
        assertThat(decode("20[\"a\"]").ackId()).isEqualTo(0L);
        assertThat(decode("2012[\"a\"]").ackId()).isEqualTo(12L); // Number("012")
        assertThat(decode("29223372036854775807[\"a\"]").ackId()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void numericEventNameIsAccepted() throws Exception {
        SocketPacket p = decode("2[42,\"x\"]");
        assertThat(p.eventName()).isEqualTo("42");
        assertThat(p.args()).containsExactly(json("\"x\""));
    }

    @Test
    void ack() throws Exception {
        SocketPacket p = decode("3/admin,13[\"bar\"]");
        assertThat(p.type()).isEqualTo(ACK);
        assertThat(p.ackId()).isEqualTo(13L);
        assertThat(p.args()).containsExactly(json("\"bar\""));
        assertThat(decode("312[]").args()).isEmpty();
    }

    @Test
    void asciiEscapedSurrogatePairsDecodeToTheSameString() throws Exception {
        SocketPacket escaped = decode("2[\"\\uD83D\\uDE00\",{\"k\\ud83d\\ude00\":\"caf\\u00e9\"}]");
        SocketPacket raw = decode("2[\"😀\",{\"k😀\":\"café\"}]");
        assertThat(escaped).isEqualTo(raw);
        assertThat(escaped.eventName()).isEqualTo("😀").isEqualTo("\uD83D\uDE00");
        assertThat(escaped.javaArgs()).containsExactly(Map.of("k😀", "café"));
        assertThat(PacketEncoder.encode(escaped).text()).isEqualTo("2[\"😀\",{\"k😀\":\"café\"}]");
    }

    // ---- binary packets

    @Test
    void binaryEventWaitsForItsAttachment() throws Exception {
        assertThat(decoder.decode("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]")).isNull();
        assertThat(decoder.isAwaitingAttachments()).isTrue();
        byte[] a = bytes(1, 2, 3, 4);
        SocketPacket p = decoder.decode(a);
        assertThat(decoder.isAwaitingAttachments()).isFalse();
        assertThat(p.type()).isEqualTo(BINARY_EVENT);
        assertThat(p.isEvent()).isTrue();
        assertThat(p.eventName()).isEqualTo("baz");
        assertThat(p.attachments()).containsExactly(a);
        // the placeholder stays in the tree, for a binder to resolve
        assertThat(p.args()).containsExactly(json("{\"_placeholder\":true,\"num\":0}"));
        assertThat(p.attachment(p.args().get(0))).isSameAs(a);
        assertThat(p.javaArgs()).containsExactly(a);
    }

    @Test
    void multipleAttachmentsArriveInOrder() throws Exception {
        byte[] first = bytes(1, 2);
        byte[] second = bytes(3, 4);
        // placeholders need not be in attachment order
        assertThat(decoder.decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]")).isNull();
        assertThat(decoder.decode(first)).isNull();
        assertThat(decoder.isAwaitingAttachments()).isTrue();
        SocketPacket p = decoder.decode(second);
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.attachments()).containsExactly(first, second);
        assertThat(p.javaArgs()).containsExactly(second, first);
    }

    @Test
    void binaryAckWithNamespaceAndId() throws Exception {
        byte[] a = bytes(9);
        SocketPacket p = Wire.decode(decoder, "61-/admin,1[{\"_placeholder\":true,\"num\":0}]", List.of(a));
        assertThat(p.type()).isEqualTo(BINARY_ACK);
        assertThat(p.isAck()).isTrue();
        assertThat(p.ackId()).isEqualTo(1L);
        assertThat(p.javaArgs()).containsExactly(a);
    }

    @Test
    void placeholdersAtAnyDepth() throws Exception {
        byte[] a = bytes(1);
        byte[] b = bytes(2);
        byte[] c = bytes(3);
        SocketPacket p = Wire.decode(decoder, "53-[\"deep\",{\"file\":{\"_placeholder\":true,\"num\":0},"
                + "\"parts\":[[{\"_placeholder\":true,\"num\":1}]],\"meta\":{\"x\":{\"y\":{\"_placeholder\":true,\"num\":2}}}}]",
                List.of(a, b, c));
        @SuppressWarnings("unchecked")
        Map<String, Object> arg = (Map<String, Object>) p.javaArgs().get(0);
        assertThat(arg.get("file")).isSameAs(a);
        assertThat(arg.get("parts")).isEqualTo(List.of(List.of(b)));
        assertThat(((List<?>) ((List<?>) arg.get("parts")).get(0)).get(0)).isSameAs(b);
        assertThat(arg.get("meta")).isEqualTo(Map.of("x", Map.of("y", c)));
    }

    @Test
    void binaryTypeAnnouncingNoAttachmentIsCompleteAtOnce() throws Exception {
        SocketPacket p = decode("50-[\"a\",1]");
        assertThat(p.type()).isEqualTo(BINARY_EVENT);
        assertThat(p.attachments()).isEmpty();
        assertThat(decoder.isAwaitingAttachments()).isFalse();
    }

    @Test
    void emptyAttachmentIsFine() throws Exception {
        SocketPacket p = Wire.decode(decoder, "51-[\"e\",{\"_placeholder\":true,\"num\":0}]", List.of(new byte[0]));
        assertThat((byte[]) p.javaArgs().get(0)).isEmpty();
    }

    @Test
    void placeholderLookalikeInPlainEventStaysAnObject() throws Exception {
        SocketPacket p = decode("2[\"e\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(p.attachment(p.args().get(0))).isNull();
        assertThat(p.javaArgs()).containsExactly(Map.of("_placeholder", true, "num", 0));
    }

    // ---- malformed input

    @Test
    void emptyFrame() {
        assertRejected("", "empty packet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9[\"a\"]", "a", " 2[\"a\"]", "-1", "\u0000"})
    void unknownType(String text) {
        assertRejected(text, "unknown packet type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "51", "5[\"a\"]", "5-[\"a\"]", "5a-[\"a\"]", "5 1-[\"a\"]", "5+1-[\"a\"]",
            "5/admin,1-[\"a\"]", "6", "61[\"a\"]", "6-1[\"a\"]"})
    void badAttachmentCount(String text) {
        assertRejected(text, "invalid attachment count");
    }

    @Test
    void attachmentLimit() throws Exception {
        PacketDecoder limited = new PacketDecoder(2);
        String two = "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]";
        assertThat(Wire.decode(limited, two, List.of(bytes(1), bytes(2))).attachments()).hasSize(2);
        assertThatThrownBy(() -> limited.decode("53-[\"a\"]"))
                .isInstanceOf(SocketParseException.class).hasMessage("too many attachments: 3 (at most 2)");
        assertThatThrownBy(() -> limited.decode("599999999999999999999-[\"a\"]"))
                .isInstanceOf(SocketParseException.class).hasMessageStartingWith("too many attachments: 99999");
        assertThat(limited.isAwaitingAttachments()).isFalse();

        PacketDecoder noBinary = new PacketDecoder(0);
        assertThatThrownBy(() -> noBinary.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                .isInstanceOf(SocketParseException.class).hasMessageContaining("too many attachments");
        assertThat(noBinary.decode("50-[\"a\"]")).isNotNull();

        assertThat(PacketDecoder.DEFAULT_MAX_ATTACHMENTS).isEqualTo(10);
        assertThatThrownBy(() -> new PacketDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ackIdOutOfRange() {
        assertRejected("29223372036854775808[\"a\"]", "ack id out of range");
        assertRejected("3/admin,99999999999999999999999999[]", "ack id out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2[\"a\"", "2[\"a\"]x", "2[\"a\"]]", "2{bad}", "0{\"a\":}", "2[\"a\",]", "2['a']",
            "2/admin,[\"a\"", "3[NaN]", "2[\"a\\x\"]", "21x[\"a\"]", "4message"})
    void invalidJson(String text) {
        assertRejected(text, "invalid JSON");
    }

    @Test
    void aNumericEventNameBeyondADoubleIsRefused() {
        // regression (SocketDecodersFuzzTest#textFrame): JavaScript reads 3e654 as Infinity, which JSON writes null;
        // the event came back as 2[null], a packet no decoder accepts
        assertRejected("2[33333300000033333337e654]", "invalid payload for EVENT");
        assertRejected("2[-1e400,1]", "invalid payload for EVENT");
    }

    @Test
    void connectTakesAnObjectOrNothing() throws Exception {
        // "01" is CONNECT with ack id 1 and no payload: odd but valid for socket.io-parser too
        assertThat(decode("01").ackId()).isEqualTo(1L);
        assertRejected("0[]", "invalid payload for CONNECT");
        assertRejected("0\"x\"", "invalid payload for CONNECT");
        assertRejected("0/admin,null", "invalid payload for CONNECT");
    }

    @Test
    void disconnectTakesNothing() {
        assertRejected("1{}", "invalid payload for DISCONNECT");
        assertRejected("1/admin,[]", "invalid payload for DISCONNECT");
        assertRejected("1null", "invalid payload for DISCONNECT");
    }

    @Test
    void connectErrorTakesAStringOrAnObject() {
        assertRejected("4", "missing payload for CONNECT_ERROR");
        assertRejected("4[]", "invalid payload for CONNECT_ERROR");
        assertRejected("4/admin,true", "invalid payload for CONNECT_ERROR");
        assertRejected("4false", "invalid payload for CONNECT_ERROR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2{}", "2\"a\"", "2[]", "2[{}]", "2[null]", "2[true]", "2[[\"a\"]]", "2null",
            "2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\"]", "2[\"disconnecting\"]",
            "2[\"newListener\"]", "2[\"removeListener\",1]", "2/admin,5[\"disconnect\"]",
            "50-[]", "50-{}", "50-[\"connect\"]"})
    void eventNeedsANonEmptyArrayStartingWithANonReservedNameOrANumber(String text) {
        assertRejected(text, "invalid payload for " + (text.startsWith("5") ? "BINARY_EVENT" : "EVENT"));
    }

    @Test
    void eventAndAckNeedAPayload() {
        assertRejected("2", "missing payload for EVENT");
        assertRejected("2/admin,", "missing payload for EVENT");
        assertRejected("212", "missing payload for EVENT");
        assertRejected("3", "missing payload for ACK");
        assertRejected("312", "missing payload for ACK");
        assertRejected("51-", "missing payload for BINARY_EVENT");
        assertRejected("61-1", "missing payload for BINARY_ACK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3{}", "3\"a\"", "3/admin,1{}", "3null", "61-1{\"_placeholder\":true,\"num\":0}"})
    void ackNeedsAnArray(String text) {
        assertRejected(text, "invalid payload for " + (text.startsWith("6") ? "BINARY_ACK" : "ACK"));
    }

    @Test
    void reservedNamesAreCaseSensitive() throws Exception {
        assertThat(decode("2[\"Connect\"]").eventName()).isEqualTo("Connect");
        assertThat(decode("2[\"message\"]").eventName()).isEqualTo("message");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "51-[\"a\",{\"_placeholder\":true,\"num\":1}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":-1}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
            "51-[\"a\",{\"_placeholder\":true}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":1e400}]",
            "52-[\"a\",{\"x\":[{\"y\":{\"_placeholder\":true,\"num\":2}}]}]",
            "50-[\"a\",{\"_placeholder\":true,\"num\":0}]",
            "61-3[{\"_placeholder\":true,\"num\":7}]"})
    void placeholderOutOfRange(String text) {
        assertRejected(text, "invalid placeholder");
    }

    @Test
    void placeholderNumMayBeWrittenAsAnyIntegralNumber() throws Exception {
        byte[] a = bytes(1);
        SocketPacket p = Wire.decode(decoder, "51-[\"a\",{\"_placeholder\":true,\"num\":0.0},{\"_placeholder\":true,\"num\":0e5}]", List.of(a));
        assertThat(p.javaArgs()).containsExactly(a, a);
    }

    @Test
    void objectWithFalsePlaceholderFlagIsPlainData() throws Exception {
        SocketPacket p = decode("50-[\"a\",{\"_placeholder\":false,\"num\":3}]");
        assertThat(p.javaArgs()).containsExactly(Map.of("_placeholder", false, "num", 3));
    }

    @Test
    void binaryFrameWhenNoneExpected() {
        assertThatThrownBy(() -> decoder.decode(bytes(1)))
                .isInstanceOf(SocketParseException.class).hasMessageContaining("no binary packet was awaiting");
    }

    @Test
    void binaryFrameAfterACompletePacket() throws Exception {
        Wire.decode(decoder, "51-[\"a\",{\"_placeholder\":true,\"num\":0}]", List.of(bytes(1)));
        assertThatThrownBy(() -> decoder.decode(bytes(2)))
                .isInstanceOf(SocketParseException.class).hasMessageContaining("no binary packet was awaiting");
    }

    // ---- state after errors

    @Test
    void textFrameWhileAwaitingAttachmentsFailsAndResets() throws Exception {
        assertThat(decoder.decode("52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]")).isNull();
        assertThat(decoder.decode(bytes(1))).isNull();
        assertThatThrownBy(() -> decoder.decode("2[\"b\"]"))
                .isInstanceOf(SocketParseException.class)
                .hasMessage("text frame while 1 binary attachment(s) were awaited");
        assertThat(decoder.isAwaitingAttachments()).isFalse();
        // the late attachment now belongs to nothing
        assertThatThrownBy(() -> decoder.decode(bytes(2))).isInstanceOf(SocketParseException.class);
        // and the decoder is ready for a fresh packet
        assertThat(decode("2[\"c\"]").eventName()).isEqualTo("c");
        byte[] a = bytes(7);
        assertThat(Wire.decode(decoder, "51-[\"d\",{\"_placeholder\":true,\"num\":0}]", List.of(a)).javaArgs())
                .containsExactly(a);
    }

    @Test
    void decoderWorksAfterEveryKindOfError() throws Exception {
        String[] bad = {"", "9", "5x-[]", "511-[]", "2999999999999999999999[\"a\"]", "2[", "2[\"connect\"]",
                "51-[\"a\",{\"_placeholder\":true,\"num\":4}]"};
        for (String text : bad) {
            assertThatThrownBy(() -> decoder.decode(text)).isInstanceOf(SocketParseException.class);
            assertThat(decoder.isAwaitingAttachments()).isFalse();
            byte[] a = bytes(1);
            assertThat(Wire.decode(decoder, "51-[\"ok\",{\"_placeholder\":true,\"num\":0}]", List.of(a)).attachments())
                    .containsExactly(a);
        }
    }

    @Test
    void resetDropsAHalfReceivedPacket() throws Exception {
        assertThat(decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]")).isNull();
        decoder.reset();
        assertThat(decoder.isAwaitingAttachments()).isFalse();
        assertThat(decode("2[\"b\"]").eventName()).isEqualTo("b");
    }
}
