package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Outgoing packets from Java values. Event and ack arguments go through JSON-B ({@code String}, numbers,
 * booleans, null, maps, lists, arrays, records, beans, {@code JsonValue}); {@code byte[]} and
 * {@code ByteBuffer} anywhere in them become attachments, and the packet a BINARY_EVENT/BINARY_ACK, as
 * socket.io-parser does with Buffers. Byte arrays are shared, not copied: do not modify them after sending.
 * <p>
 * A NaN or infinite number is written as {@code null}, as JSON.stringify does (inside a record or bean JSON-B
 * refuses it). Every method throws IllegalArgumentException for a value JSON-B cannot write, for binary where it
 * is not allowed and for a reserved event name.
 */
public final class PacketFactory {
    private PacketFactory() {
    }

    /** {@code 2["event",...args]}, or a BINARY_EVENT when an argument holds binary. */
    public static SocketPacket event(String namespace, String event, Object... args) {
        return buildEvent(namespace, event, null, args);
    }

    /** An event asking for an acknowledgement with the given id: {@code 2<id>["event",...]}. */
    public static SocketPacket eventWithAck(String namespace, String event, long ackId, Object... args) {
        return buildEvent(namespace, event, ackId, args);
    }

    /** {@code 3<id>[...args]}, or a BINARY_ACK when an argument holds binary. */
    public static SocketPacket ack(String namespace, long ackId, Object... args) {
        ArgumentSerializer.Serialized s = ArgumentSerializer.serialize(args == null ? new Object[0] : args);
        SocketPacketType type = s.attachments().isEmpty() ? SocketPacketType.ACK : SocketPacketType.BINARY_ACK;
        return new SocketPacket(type, namespace, ackId, s.json(), s.attachments());
    }

    /** The server's answer to a namespace CONNECT: {@code 0{"sid":"..."}}. */
    public static SocketPacket connect(String namespace, String sid) {
        return new SocketPacket(SocketPacketType.CONNECT, namespace, null,
                JsonText.JSON.createObjectBuilder().add("sid", sid).build());
    }

    /**
     * A refused namespace connection: {@code 4{"message":"...","data":...}} as socket.io 4 sends it (the
     * {@code data} of the middleware error, left out when null; JSON-B, no binary).
     */
    public static SocketPacket connectError(String namespace, String message, Object data) {
        JsonObjectBuilder o = JsonText.JSON.createObjectBuilder().add("message", message);
        if (data != null) {
            o.add("data", ArgumentSerializer.serializeWithoutBinary(data));
        }
        return new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, null, o.build());
    }

    /**
     * A client's namespace CONNECT: {@code 0/nsp,{auth}} as socket.io-client sends it; no payload when
     * {@code auth} is null (JSON-B, no binary; must serialize to a JSON object).
     */
    public static SocketPacket clientConnect(String namespace, Object auth) {
        JsonValue payload = auth == null ? null : ArgumentSerializer.serializeWithoutBinary(auth);
        if (payload != null && payload.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("the auth payload must be a JSON object, not " + payload.getValueType());
        }
        return new SocketPacket(SocketPacketType.CONNECT, namespace, null, payload);
    }

    public static SocketPacket disconnect(String namespace) {
        return new SocketPacket(SocketPacketType.DISCONNECT, namespace, null, null);
    }

    private static SocketPacket buildEvent(String namespace, String event, Long ackId, Object[] args) {
        if (event == null) {
            throw new IllegalArgumentException("event name is null");
        }
        if (PayloadRules.RESERVED_EVENT_NAMES.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        Object[] values = args == null ? new Object[0] : args;
        ArgumentSerializer.Serialized s = ArgumentSerializer.serialize(values);
        JsonArrayBuilder all = JsonText.JSON.createArrayBuilder().add(event);
        for (JsonValue v : s.json()) {
            all.add(v);
        }
        JsonArray data = all.build();
        SocketPacketType type = s.attachments().isEmpty() ? SocketPacketType.EVENT : SocketPacketType.BINARY_EVENT;
        return new SocketPacket(type, namespace, ackId, data, s.attachments());
    }
}
