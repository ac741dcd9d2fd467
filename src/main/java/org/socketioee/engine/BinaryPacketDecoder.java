package org.socketioee.engine;

import jakarta.websocket.Decoder;
import org.socketioee.engine.parser.Packet;

import java.nio.ByteBuffer;

/** Reads one WebSocket binary frame: always a message packet whose payload is the frame, as is. */
public class BinaryPacketDecoder implements Decoder.Binary<Packet> {
    @Override
    public Packet decode(ByteBuffer frame) {
        byte[] data = new byte[frame.remaining()];
        frame.get(data);
        return Packet.message(data);
    }

    @Override
    public boolean willDecode(ByteBuffer frame) {
        return true;
    }
}
