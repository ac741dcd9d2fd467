package org.socketioee.adapter;

import org.socketioee.parser.SocketPacket;

import java.util.function.Consumer;

/**
 * What an adapter needs of the namespace it serves: the server hands the adapter factory a view of the namespace
 * (the application's {@code Namespace} does not expose these operations).
 */
public interface AdapterNamespace {
    String name();

    /** A socket connected to this node, or null. */
    AdapterSocket socket(String id);

    /** Next acknowledgement id of this namespace (broadcasts with acks share one id across targets). */
    long nextAckId();

    /** A serverSideEmit from another node, delivered to this node's listeners. */
    default void onRemoteServerSideEmit(SocketPacket packet) {
        onRemoteServerSideEmit(packet, null);
    }

    /**
     * A serverSideEmit from another node that asked for an acknowledgement: the first listener to answer calls
     * {@code ack} with its first argument (Node's {@code serverSideEmitWithAck}; only one argument travels back).
     *
     * @param ack null when the sender asked for none
     */
    void onRemoteServerSideEmit(SocketPacket packet, Consumer<Object> ack);

    /**
     * Makes this node's sockets stop waiting for the acknowledgement {@code ackId}: a cluster adapter that delivered
     * another node's broadcast with acks calls it at that broadcast's timeout, as the sending node does for its own.
     */
    void forgetAck(long ackId);
}
