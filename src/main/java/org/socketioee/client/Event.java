package org.socketioee.client;

import org.socketioee.parser.EventArguments;
import org.socketioee.parser.SocketPacket;

/**
 * One event received from the server (or, for {@code onAnyOutgoing}, sent to it): its name, its arguments, and
 * its acknowledgement. The server's {@code org.socketioee.server.Event} has the same shape.
 * <p>
 * As with socket.io-client, when the server has connection state recovery on, the events it sends carry their
 * offset (a string) as last argument.
 */
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

    /** Whether the server asked for an acknowledgement. */
    public boolean hasAck() {
        return ack.requested();
    }

    /** Sends the acknowledgement (once; later calls are ignored). No-op when none was asked for. */
    public void ack(Object... response) {
        ack.send(response);
    }

    /** The acknowledgement, to answer later or elsewhere; {@link Ack#NONE} when none was asked for. */
    public Ack acknowledgement() {
        return ack;
    }

    @Override
    public String toString() {
        return "Event[" + packet() + "]";
    }
}
