package org.socketioee.adapter.redis;

import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Socket.IO event as the Node adapter carries it between nodes: socket.io-parser's packet object
 * {@code {type, data, nsp}} before encoding. Binary values stay inside {@code data} (MessagePack {@code bin}), the
 * type stays 2 (EVENT) whatever they are: socket.io-parser makes it BINARY_EVENT only when it encodes for a
 * client, and so does each receiving node here.
 */
final class ClusterPacket {
    private static final int EVENT = 2;
    private static final int BINARY_EVENT = 5;

    private ClusterPacket() {
    }

    /** {@code {type: 2, data: [name, ...args], nsp}}, keys in Node's order; no id (each node assigns its own). */
    static Map<String, Object> toTree(SocketPacket packet) {
        if (!packet.isEvent()) {
            throw new IllegalArgumentException("only events travel between nodes: " + packet);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", EVENT);
        m.put("data", packet.dataAsJava());
        m.put("nsp", packet.namespace());
        return m;
    }

    /** The event a node sent; {@code ackId} is this node's id for its acknowledgements, or null. */
    static SocketPacket fromTree(Object tree, String namespace, Long ackId) {
        if (!(tree instanceof Map<?, ?> m) || !(m.get("type") instanceof Number t)
                || (t.intValue() != EVENT && t.intValue() != BINARY_EVENT)) {
            throw new IllegalArgumentException("not an event packet: " + tree);
        }
        return event(namespace, m.get("data"), ackId);
    }

    /** An event from its {@code [name, ...args]} array (also the data of a SERVER_SIDE_EMIT request). */
    static SocketPacket event(String namespace, Object data, Long ackId) {
        if (!(data instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof String name)) {
            throw new IllegalArgumentException("an event's data must be [name, ...args]: " + data);
        }
        Object[] args = l.subList(1, l.size()).toArray();
        return ackId == null ? PacketFactory.event(namespace, name, args)
                : PacketFactory.eventWithAck(namespace, name, ackId, args);
    }
}
