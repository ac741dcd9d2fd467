package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Socket.IO packet: type, namespace, optional ack id, optional JSON payload and, for BINARY_EVENT/BINARY_ACK,
 * the binary attachments.
 * <p>
 * Binary values stay in the JSON tree as {@code {"_placeholder":true,"num":n}} objects, at any depth; a binder
 * resolves one with {@link #attachment(JsonValue)}, a catch-all listener gets {@code byte[]} from
 * {@link #toJava(JsonValue)}. A decoded binary packet keeps its BINARY_* type (socket.io-parser turns it into
 * EVENT/ACK); {@link #isEvent()} and {@link #isAck()} cover both.
 * <p>
 * Immutable, except that the attachment arrays are shared, not copied: callers hand them over and must not
 * change them afterwards.
 */
public final class SocketPacket {
    public static final String MAIN_NAMESPACE = "/";

    private final SocketPacketType type;
    private final String namespace;
    private final Long ackId;
    private final JsonValue data;
    private final List<byte[]> attachments;

    /**
     * @param namespace   starts with "/" and has no "," (the wire form ends it at the first one); null means "/"
     * @param ackId       null when no acknowledgement is involved
     * @param data        null when absent; JSON {@code null} counts as absent, as socket.io-parser never writes it
     * @param attachments only for BINARY_EVENT/BINARY_ACK; null means none
     */
    public SocketPacket(SocketPacketType type, String namespace, Long ackId, JsonValue data, List<byte[]> attachments) {
        this.type = Objects.requireNonNull(type, "type");
        this.namespace = namespace == null ? MAIN_NAMESPACE : namespace;
        if (!this.namespace.startsWith("/") || this.namespace.indexOf(',') >= 0) {
            throw new IllegalArgumentException("invalid namespace: " + namespace);
        }
        if (ackId != null && ackId < 0) {
            throw new IllegalArgumentException("negative ack id: " + ackId);
        }
        this.ackId = ackId;
        this.data = data == JsonValue.NULL ? null : data;
        this.attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (!type.isBinary() && !this.attachments.isEmpty()) {
            throw new IllegalArgumentException(type + " cannot carry attachments");
        }
    }

    /** A packet without attachments. */
    public SocketPacket(SocketPacketType type, String namespace, Long ackId, JsonValue data) {
        this(type, namespace, ackId, data, null);
    }

    public SocketPacketType type() {
        return type;
    }

    public String namespace() {
        return namespace;
    }

    /** The acknowledgement id, or null. */
    public Long ackId() {
        return ackId;
    }

    public boolean hasAckId() {
        return ackId != null;
    }

    /** The JSON payload, with placeholders in place of binary values; null when absent. */
    public JsonValue data() {
        return data;
    }

    /** The binary attachments in placeholder order. Not copies: do not modify. */
    public List<byte[]> attachments() {
        return attachments;
    }

    /** EVENT or BINARY_EVENT. */
    public boolean isEvent() {
        return type == SocketPacketType.EVENT || type == SocketPacketType.BINARY_EVENT;
    }

    /** ACK or BINARY_ACK. */
    public boolean isAck() {
        return type == SocketPacketType.ACK || type == SocketPacketType.BINARY_ACK;
    }

    /**
     * The event name: the first element of an event's array. A number is allowed there too (socket.io-parser
     * accepts it, and Node's EventEmitter keys it as its string form), so it comes back as its JSON text.
     */
    public String eventName() {
        if (!isEvent() || !(data instanceof JsonArray a) || a.isEmpty()) {
            throw new IllegalStateException("not an event: " + this);
        }
        JsonValue first = a.get(0);
        if (first instanceof JsonString s) {
            return s.getString();
        }
        if (first instanceof JsonNumber) {
            return JsonText.write(first);
        }
        throw new IllegalStateException("event name is neither a string nor a number: " + this);
    }

    /** The arguments: an event's elements after its name, an ack's whole array. */
    public List<JsonValue> args() {
        if (isEvent()) {
            eventName();
            JsonArray a = (JsonArray) data;
            return a.subList(1, a.size());
        }
        if (isAck()) {
            if (!(data instanceof JsonArray a)) {
                throw new IllegalStateException("ack without array payload: " + this);
            }
            return a;
        }
        throw new IllegalStateException("neither an event nor an ack: " + this);
    }

    /** {@link #args()} as plain Java values, binary ones as {@code byte[]}. */
    public List<Object> javaArgs() {
        List<JsonValue> args = args();
        List<Object> out = new ArrayList<>(args.size());
        for (JsonValue v : args) {
            out.add(toJava(v));
        }
        return out;
    }

    /** The whole payload as plain Java values (see {@link #toJava(JsonValue)}); null when absent. */
    public Object dataAsJava() {
        return data == null ? null : toJava(data);
    }

    /**
     * A part of this packet's payload as plain Java values: {@code Map<String,Object>} (document order),
     * {@code List<Object>}, String, Boolean, Integer/Long (integral numbers that fit), Double, null, and
     * {@code byte[]} for placeholders. The maps and lists are fresh and mutable; the arrays are shared.
     */
    public Object toJava(JsonValue value) {
        return JavaTree.of(value, type.isBinary() ? attachments : null);
    }

    /** The attachment a value stands for when it is one of this packet's placeholders, else null. */
    public byte[] attachment(JsonValue value) {
        if (type.isBinary() && Placeholders.isPlaceholder(value)) {
            int i = Placeholders.index((JsonObject) value, attachments.size());
            return i < 0 ? null : attachments.get(i);
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SocketPacket p) || type != p.type || !namespace.equals(p.namespace)
                || !Objects.equals(ackId, p.ackId) || !Objects.equals(data, p.data)
                || attachments.size() != p.attachments.size()) {
            return false;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (!Arrays.equals(attachments.get(i), p.attachments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, namespace, ackId, data);
        for (byte[] b : attachments) {
            h = 31 * h + Arrays.hashCode(b);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SocketPacket[").append(type).append(' ').append(namespace);
        if (ackId != null) {
            s.append(" id=").append(ackId);
        }
        if (data != null) {
            String json = JsonText.write(data);
            s.append(' ').append(json.length() > 200 ? json.substring(0, 200) + "..." : json);
        }
        if (!attachments.isEmpty()) {
            s.append(" +").append(attachments.size()).append(" attachment(s)");
        }
        return s.append(']').toString();
    }
}
