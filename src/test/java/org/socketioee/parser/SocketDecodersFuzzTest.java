package org.socketioee.parser;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz targets for everything the Socket.IO layer parses from a client: the packet decoder with binary
 * attachments ({@link PacketDecoder}), the JSON reader ({@link JsonText}) and the JSON-B binding of arguments
 * ({@link ArgumentBinder}). The rule: bad input raises only {@link SocketParseException} (binding:
 * {@link ArgumentBindException}); what decodes encodes back to the same wire form, and reading it as Java values never
 * fails.
 * <p>
 * Under {@code mvn test} each target replays its corpus ({@code src/test/resources/org/socketioee/parser/
 * SocketDecodersFuzzTestInputs/<target>/}); {@code src/test/sh/fuzz.sh} fuzzes them (README, "Tests").
 */
class SocketDecodersFuzzTest {
    /** A public type for JSON-B to bind to, with a binary field. */
    public record Message(String text, int n, List<String> tags, byte[] data) {
    }

    private static final Type[] TYPES = {
            String.class, Integer.class, long.class, Double.class, Boolean.class, Map.class, List.class,
            byte[].class, ByteBuffer.class, Message.class, Message[].class, JsonValue.class, Object.class,
    };

    /**
     * Frames of one connection: text frames and binary frames in any order, as a client could send them over
     * WebSocket (each packet then also survives an encode and a decode).
     */
    @FuzzTest
    void decoder(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder(data.consumeInt(0, 3));
        while (data.remainingBytes() > 0) {
            SocketPacket p;
            try {
                p = data.consumeBoolean() ? decoder.decode(data.consumeString(200)) : decoder.decode(data.consumeBytes(16));
            } catch (SocketParseException e) {
                assertThat(decoder.isAwaitingAttachments()).isFalse(); // ready for the next packet
                continue;
            }
            if (p != null) {
                check(p, data);
            }
        }
    }

    /** One text frame alone: a packet, or an announcement of attachments. */
    @FuzzTest
    void textFrame(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        SocketPacket p;
        try {
            p = new PacketDecoder().decode(text);
        } catch (SocketParseException e) {
            return;
        }
        if (p != null) {
            check(p, null);
        }
    }

    /** The JSON reader: strict JSON or {@link SocketParseException}; its writer is stable after one round. */
    @FuzzTest
    void json(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        JsonValue v;
        try {
            v = JsonText.parse(text);
        } catch (SocketParseException e) {
            return;
        }
        String once = JsonText.write(v);
        String twice;
        try {
            twice = JsonText.write(JsonText.parse(once));
        } catch (SocketParseException e) {
            throw new AssertionError("written JSON does not parse: " + once, e);
        }
        assertThat(twice).isEqualTo(once);
    }

    private static void check(SocketPacket p, FuzzedDataProvider data) {
        EncodedPacket e = PacketEncoder.encode(p);
        PacketDecoder again = new PacketDecoder(e.attachments().size());
        SocketPacket back;
        try {
            back = again.decode(e.text());
            for (byte[] a : e.attachments()) {
                back = again.decode(a);
            }
        } catch (SocketParseException ex) {
            throw new AssertionError("encoded " + p + " as " + e + ", which does not decode: " + ex.getMessage(), ex);
        }
        // the same wire form (the same JSON tree up to number layout: 1.5e3 is written 1500, as JSON.stringify does)
        EncodedPacket e2 = PacketEncoder.encode(back);
        assertThat(e2.text()).isEqualTo(e.text());
        assertThat(e2.attachments()).containsExactlyElementsOf(e.attachments());
        if (p.isEvent() || p.isAck()) {
            p.javaArgs();
            if (p.isEvent()) {
                assertThat(p.eventName()).isNotNull();
            }
            List<JsonValue> args = new ArrayList<>(p.args());
            args.add(null); // an absent argument
            for (JsonValue arg : args) {
                Type type = data == null ? Object.class : data.pickValue(TYPES);
                try {
                    ArgumentBinder.bind(p, arg, type, "argument");
                } catch (ArgumentBindException expected) {
                    // the declared failure: the listener's caller answers it as an error
                }
            }
        } else {
            p.dataAsJava();
        }
    }
}
