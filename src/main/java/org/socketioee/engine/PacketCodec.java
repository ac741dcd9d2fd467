package org.socketioee.engine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Engine.IO v4 codec: single packets (WebSocket frames) and payloads (HTTP long-polling bodies, packets
 * joined by the record separator, binary as {@code b<base64>}). Stateless.
 */
public final class PacketCodec {
    /** Separates packets in a polling payload. */
    public static final char SEPARATOR = '\u001e';

    private PacketCodec() {
    }

    /** Decodes a WebSocket text frame (or one part of a polling payload). */
    public static Packet decode(String frame) throws EngineParseException {
        if (frame.isEmpty()) {
            throw new EngineParseException("empty packet");
        }
        char first = frame.charAt(0);
        if (first == 'b') {
            try {
                return Packet.message(Base64.getDecoder().decode(frame.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new EngineParseException("invalid base64 in binary packet");
            }
        }
        PacketType type = PacketType.fromCode(first);
        if (type == null) {
            throw new EngineParseException("unknown packet type '" + printable(first) + "'");
        }
        return new Packet(type, frame.length() > 1 ? frame.substring(1) : null);
    }

    /** Decodes a polling request body. */
    public static List<Packet> decodePayload(String payload) throws EngineParseException {
        List<Packet> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            packets.add(decode(end < 0 ? payload.substring(start) : payload.substring(start, end)));
            if (end < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    /** Encodes packets as one polling response body. */
    public static String encodePayload(List<Packet> packets) {
        if (packets.size() == 1) {
            return packets.get(0).pollingForm();
        }
        StringBuilder sb = new StringBuilder();
        for (Packet p : packets) {
            if (sb.length() > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(p.pollingForm());
        }
        return sb.toString();
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
