package org.socketioee.engine;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import org.socketioee.engine.parser.Packet;

/**
 * Writes a text packet as one WebSocket text frame. The wire string was built when the packet was, so a
 * broadcast does no per-target encoding here. Binary packets go out as binary frames, unencoded.
 */
public class PacketEncoder implements Encoder.Text<Packet> {
    @Override
    public String encode(Packet packet) throws EncodeException {
        if (packet.isBinary()) {
            throw new EncodeException(packet, "binary packets are sent as binary frames");
        }
        return packet.wire();
    }
}
