package org.socketioee.parser;

/**
 * Writes packets exactly as socket.io-parser's Encoder:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}, then the attachments.
 * <p>
 * Stateless and deterministic (same packet, same text), so a broadcast is encoded once and the same frames go to
 * every recipient.
 */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    public static EncodedPacket encode(SocketPacket packet) {
        SocketPacketType type = packet.type();
        StringBuilder text = new StringBuilder().append(type.digit());
        if (type.isBinary()) {
            text.append(packet.attachments().size()).append('-');
        }
        // the main namespace is implied; any other ends at the comma
        if (!SocketPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
            text.append(packet.namespace()).append(',');
        }
        if (packet.ackId() != null) {
            text.append(packet.ackId().longValue());
        }
        if (packet.data() != null) {
            JsonText.write(packet.data(), text);
        }
        return new EncodedPacket(text.toString(), packet.attachments());
    }
}
