package org.socketioee.engine.parser;

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
                return Packet.message(decodeBase64(frame.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new EngineParseException("invalid base64 in binary packet");
            }
        }
        PacketType type = PacketType.fromCode(first);
        if (type == null) {
            throw new EngineParseException("unknown packet type '" + printable(first) + "'");
        }
        if (type == PacketType.MESSAGE) {
            // a message always has a text: "4" alone is the empty message (its listener must never see null)
            return Packet.message(frame.substring(1));
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

    /**
     * Base64 as Node reads it ({@code Buffer.from(s, "base64")}) in one respect: whitespace is skipped. The official
     * Java client writes its binary polling packets as Android's {@code Base64.DEFAULT}: lines of 76 characters,
     * each ended by "\n", the last one too. Other characters outside the alphabet stay an error.
     */
    private static byte[] decodeBase64(String s) {
        int i = 0;
        while (i < s.length() && !isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length()) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int j = 0; j < s.length(); j++) {
                if (!isWhitespace(s.charAt(j))) {
                    sb.append(s.charAt(j));
                }
            }
            s = sb.toString();
        }
        return Base64.getDecoder().decode(s);
    }

    private static boolean isWhitespace(char c) {
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
