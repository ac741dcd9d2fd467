package org.socketioee.server;

import org.socketioee.parser.EventArguments;
import org.socketioee.parser.SocketPacket;

/** One event received from a client: its name, its arguments, and the acknowledgement when one was asked for. */
public final class Event extends EventArguments {
    private final Socket socket;
    private final Ack ack;

    Event(Socket socket, SocketPacket packet, Ack ack) {
        super(packet);
        this.socket = socket;
        this.ack = ack;
    }

    public Socket socket() {
        return socket;
    }

    /** Whether the client asked for an acknowledgement. */
    public boolean hasAck() {
        return ack != null;
    }

    /** Sends the acknowledgement (once; later calls are ignored). No-op when none was asked for. */
    public void ack(Object... response) {
        if (ack != null) {
            ack.send(response);
        }
    }
}
