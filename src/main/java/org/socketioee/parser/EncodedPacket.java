package org.socketioee.parser;

import java.util.List;
import java.util.Objects;

/**
 * A packet as it goes on the wire: one text frame, then one binary frame per attachment, in order.
 * The arrays are shared with the packet, not copied: do not modify them.
 */
public record EncodedPacket(String text, List<byte[]> attachments) {
    public EncodedPacket {
        Objects.requireNonNull(text);
        attachments = List.copyOf(attachments);
    }

    @Override
    public String toString() {
        return attachments.isEmpty() ? text : text + " +" + attachments.size() + " attachment(s)";
    }
}
