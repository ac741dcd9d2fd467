package org.socketioee.adapter;

import org.socketioee.parser.SocketPacket;

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
    void onRemoteServerSideEmit(SocketPacket packet);
}
