package org.socketioee.adapter.redis;

/**
 * The {@code type} of socket.io-adapter 2.5's ClusterAdapter messages, which the sharded Redis adapter carries,
 * numbered as Node numbers them (1 and 2 are the heartbeats of ClusterAdapterWithHeartbeat, 13 its close: the
 * sharded adapter counts nodes with PUBSUB SHARDNUMSUB instead and sends none of them).
 */
enum ClusterMessageType {
    INITIAL_HEARTBEAT(1), HEARTBEAT(2), BROADCAST(3), SOCKETS_JOIN(4), SOCKETS_LEAVE(5), DISCONNECT_SOCKETS(6),
    FETCH_SOCKETS(7), FETCH_SOCKETS_RESPONSE(8), SERVER_SIDE_EMIT(9), SERVER_SIDE_EMIT_RESPONSE(10),
    BROADCAST_CLIENT_COUNT(11), BROADCAST_ACK(12), ADAPTER_CLOSE(13);

    private final int wire;

    ClusterMessageType(int wire) {
        this.wire = wire;
    }

    int wire() {
        return wire;
    }

    /** The type of a number on the wire, or null for one this version does not know. */
    static ClusterMessageType of(Object wire) {
        if (wire instanceof Number n) {
            for (ClusterMessageType t : values()) {
                if (t.wire == n.intValue() && n.doubleValue() == t.wire) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Whether its data may carry binary: then it travels as MessagePack when it does (else JSON), as Node sends. */
    boolean mayContainBinary() {
        return this == BROADCAST || this == BROADCAST_ACK || this == FETCH_SOCKETS_RESPONSE || this == SERVER_SIDE_EMIT
                || this == SERVER_SIDE_EMIT_RESPONSE;
    }
}
