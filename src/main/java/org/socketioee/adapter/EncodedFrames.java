package org.socketioee.adapter;

import org.socketioee.engine.parser.Packet;
import org.socketioee.parser.EncodedPacket;
import org.socketioee.parser.PacketEncoder;
import org.socketioee.parser.SocketPacket;

import java.util.ArrayList;
import java.util.List;

/**
 * A Socket.IO packet encoded once into the Engine.IO packets that carry it (the text frame, then one binary
 * frame per attachment). A broadcast builds one and hands the same instances to every target session.
 */
public final class EncodedFrames {
    private final List<Packet> packets;

    private EncodedFrames(List<Packet> packets) {
        this.packets = packets;
    }

    public static EncodedFrames encode(SocketPacket packet) {
        EncodedPacket e = PacketEncoder.encode(packet);
        List<Packet> ps = new ArrayList<>(1 + e.attachments().size());
        ps.add(Packet.message(e.text()));
        for (byte[] a : e.attachments()) {
            ps.add(Packet.message(a));
        }
        return new EncodedFrames(List.copyOf(ps));
    }

    public List<Packet> packets() {
        return packets;
    }
}
