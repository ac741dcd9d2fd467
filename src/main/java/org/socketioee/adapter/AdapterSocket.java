package org.socketioee.adapter;

import org.socketioee.parser.SocketPacket;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an adapter needs of a socket connected to this node: the server hands the adapter a view of each of its
 * sockets (the application's {@code Socket} does not expose these operations).
 */
public interface AdapterSocket {
    String id();

    /**
     * Writes a packet already encoded for everyone; {@code packet} is the decoded form, for outgoing listeners.
     * Volatile frames are dropped when the transport is not writable right now.
     */
    void write(SocketPacket packet, EncodedFrames frames, boolean volatileFlag);

    /** Registers the callback for the acknowledgement {@code ackId} of a broadcast this socket receives. */
    void expectAck(long ackId, Consumer<Object> firstArgument);

    void joinRooms(Set<String> rooms);

    void leaveRooms(Set<String> rooms);

    /** Disconnects the socket; {@code close} also closes the underlying connection. */
    void disconnect(boolean close);

    /** For fetchSockets: id, handshake, rooms and data as seen now. */
    SocketDetails details();

    /** The private id a client recovers its session with (null when connection state recovery is off). */
    default String pid() {
        return null;
    }

    /** Handshake and data snapshot of a socket, for fetchSockets (possibly from another node). */
    record SocketDetails(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data) {
    }
}
