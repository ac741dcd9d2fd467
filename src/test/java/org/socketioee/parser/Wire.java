package org.socketioee.parser;

import jakarta.json.JsonValue;

import java.util.List;

/** Test helpers: JSON from text, and a whole encoded packet through a decoder. */
final class Wire {
    private Wire() {
    }

    static JsonValue json(String text) {
        try {
            return JsonText.parse(text);
        } catch (SocketParseException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Feeds the text frame and the attachments; only the last frame may complete the packet. */
    static SocketPacket decode(PacketDecoder decoder, String text, List<byte[]> attachments) throws SocketParseException {
        SocketPacket packet = decoder.decode(text);
        for (byte[] a : attachments) {
            if (packet != null) {
                throw new AssertionError("packet complete before its attachments");
            }
            packet = decoder.decode(a);
        }
        if (packet == null) {
            throw new AssertionError("packet incomplete after its attachments");
        }
        return packet;
    }

    static SocketPacket decode(EncodedPacket encoded) throws SocketParseException {
        return decode(new PacketDecoder(), encoded.text(), encoded.attachments());
    }
}
