package org.socketioee.adapter.redis;

/** The {@code type} of the requests and responses between nodes, numbered as the Node adapter numbers them. */
enum RequestType {
    SOCKETS, ALL_ROOMS, REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT, REMOTE_FETCH, SERVER_SIDE_EMIT, BROADCAST,
    BROADCAST_CLIENT_COUNT, BROADCAST_ACK;

    /** The type of a number on the wire, or null for one this version does not know. */
    static RequestType of(Object wire) {
        if (wire instanceof Number n && n.intValue() >= 0 && n.intValue() < values().length) {
            return values()[n.intValue()];
        }
        return null;
    }

    int wire() {
        return ordinal();
    }
}
