package org.socketioee.client;

import org.socketioee.parser.EventArguments;
import org.socketioee.parser.SocketPacket;

/**
 * One event received from the server: its name, its arguments, and the acknowledgement when one was asked for.
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
        return ack != null;
    }

    /** Sends the acknowledgement (once; later calls are ignored). No-op when none was asked for. */
    public void ack(Object... response) {
        if (ack != null) {
            ack.send(response);
        }
    }

    /** The acknowledgement, or null when none was asked for. */
    public Ack ackFunction() {
        return ack;
    }

    @Override
    public String toString() {
        return "Event[" + packet() + "]";
    }
}
