package org.socketioee.engine;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;

/** Reads one WebSocket text frame as an Engine.IO packet ({@code <type>[<data>]}). */
public class TextPacketDecoder implements Decoder.Text<Packet> {
    @Override
    public Packet decode(String frame) throws DecodeException {
        try {
            return PacketCodec.decode(frame);
        } catch (EngineParseException e) {
            throw new DecodeException(frame.length() > 64 ? frame.substring(0, 64) + "…" : frame, e.getMessage(), e);
        }
    }

    @Override
    public boolean willDecode(String frame) {
        return true; // decode() says what is wrong with a bad frame
    }
}
