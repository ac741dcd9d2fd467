package org.socketioee.parser;

import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads packets as socket.io-parser's Decoder: a text frame, then, for BINARY_EVENT/BINARY_ACK, as many binary
 * frames as the text announced.
 * <p>
 * Stateful, one per connection, not thread-safe (frames of a connection arrive in order anyway). Stricter than
 * socket.io-parser where it is lax by accident: the type is one digit, the attachment count and the ack id are
 * plain digits, placeholders are checked when the text arrives, events and acks need a payload. Any error
 * throws {@link SocketParseException} and drops a half-received packet, so the decoder is ready for a new one.
 */
public final class PacketDecoder {
    /** Attachments per packet unless configured: each may be a full Engine.IO payload, all held until the last. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 10;

    private final int maxAttachments;

    // the binary packet being reassembled, if any
    private SocketPacket header;
    private int expected;
    private List<byte[]> received;

    public PacketDecoder() {
        this(DEFAULT_MAX_ATTACHMENTS);
    }

    /** @param maxAttachments the most binary attachments one packet may announce (0 refuses binary packets) */
    public PacketDecoder(int maxAttachments) {
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments < 0");
        }
        this.maxAttachments = maxAttachments;
    }

    /** Whether binary frames are awaited for a packet whose text frame has arrived. */
    public boolean isAwaitingAttachments() {
        return header != null;
    }

    /** Forgets a half-received packet (on close, like socket.io-parser's {@code destroy}). */
    public void reset() {
        header = null;
        expected = 0;
        received = null;
    }

    /**
     * Decodes a text frame.
     *
     * @return the packet, or null when it announced binary attachments that have yet to arrive
     */
    public SocketPacket decode(String text) throws SocketParseException {
        if (header != null) {
            int missing = expected - received.size();
            reset();
            throw new SocketParseException("text frame while " + missing + " binary attachment(s) were awaited");
        }
        Header h = parse(text);
        if (h.attachments() == 0) {
            return h.packet();
        }
        header = h.packet();
        expected = h.attachments();
        received = new ArrayList<>(expected);
        return null;
    }

    /**
     * Takes a binary frame. The array is kept, not copied.
     *
     * @return the completed packet with the last awaited attachment, else null
     */
    public SocketPacket decode(byte[] attachment) throws SocketParseException {
        Objects.requireNonNull(attachment, "attachment");
        if (header == null) {
            throw new SocketParseException("binary frame while no binary packet was awaiting attachments");
        }
        received.add(attachment);
        if (received.size() < expected) {
            return null;
        }
        SocketPacket h = header;
        List<byte[]> attachments = received;
        reset();
        return new SocketPacket(h.type(), h.namespace(), h.ackId(), h.data(), attachments);
    }

    /** A parsed text frame and the number of attachments it announced. */
    private record Header(SocketPacket packet, int attachments) {
    }

    private Header parse(String text) throws SocketParseException {
        if (text.isEmpty()) {
            throw new SocketParseException("empty packet");
        }
        SocketPacketType type = SocketPacketType.fromDigit(text.charAt(0));
        if (type == null) {
            throw new SocketParseException("unknown packet type '" + printable(text.charAt(0)) + "'");
        }
        int n = text.length();
        int i = 1;

        int attachments = 0;
        if (type.isBinary()) {
            int start = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i == n || text.charAt(i) != '-') {
                throw new SocketParseException("invalid attachment count in " + type + " packet");
            }
            // beyond 9 digits it is too many whatever the number, and parsing could overflow
            attachments = i - start > 9 ? Integer.MAX_VALUE : Integer.parseInt(text, start, i, 10);
            if (attachments > maxAttachments) {
                throw new SocketParseException("too many attachments: " + text.substring(start, Math.min(i, start + 20))
                        + " (at most " + maxAttachments + ")");
            }
            i++;
        }

        String namespace = SocketPacket.MAIN_NAMESPACE;
        if (i < n && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            // no comma: the namespace runs to the end ("1/admin"), as in socket.io-parser
            int end = comma < 0 ? n : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? n : comma + 1;
        }

        Long ackId = null;
        int start = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i > start) {
            try {
                ackId = Long.parseLong(text, start, i, 10);
            } catch (NumberFormatException e) {
                throw new SocketParseException("ack id out of range: " + text.substring(start, Math.min(i, start + 40)));
            }
        }

        JsonValue data = i < n ? JsonText.parse(text.substring(i)) : null;
        if (!PayloadRules.isValid(type, data)) {
            throw new SocketParseException((data == null ? "missing payload" : "invalid payload") + " for " + type);
        }
        if (type.isBinary()) {
            Placeholders.validate(data, attachments);
        }
        return new Header(new SocketPacket(type, namespace, ackId, data), attachments);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
