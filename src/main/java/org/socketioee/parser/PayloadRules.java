package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;

/**
 * Which payload each packet type may carry: socket.io-parser's {@code isPayloadValid}, plus the spec's "the
 * payload is mandatory" for events and acks (socket.io-parser lets a bare {@code 2} through) and for
 * CONNECT_ERROR (as its {@code isPacketValid} requires).
 */
public final class PayloadRules {
    /** Event names the other side would mistake for its own lifecycle events; never sent, refused on receipt. */
    public static final Set<String> RESERVED_EVENT_NAMES =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private PayloadRules() {
    }

    /** Whether {@code payload} (null when absent) is valid for {@code type}. */
    public static boolean isValid(SocketPacketType type, JsonValue payload) {
        if (payload == null) {
            return type == SocketPacketType.CONNECT || type == SocketPacketType.DISCONNECT;
        }
        return switch (type) {
            case CONNECT -> payload.getValueType() == JsonValue.ValueType.OBJECT;
            case DISCONNECT -> false;
            case CONNECT_ERROR -> payload.getValueType() == JsonValue.ValueType.STRING
                    || payload.getValueType() == JsonValue.ValueType.OBJECT;
            case EVENT, BINARY_EVENT -> payload instanceof JsonArray a && !a.isEmpty() && isEventName(a.get(0));
            case ACK, BINARY_ACK -> payload.getValueType() == JsonValue.ValueType.ARRAY;
        };
    }

    private static boolean isEventName(JsonValue first) {
        return switch (first.getValueType()) {
            // a number beyond a double (3e654) would be JavaScript's Infinity, written null: not a name
            case NUMBER -> Double.isFinite(((JsonNumber) first).doubleValue());
            case STRING -> !RESERVED_EVENT_NAMES.contains(((JsonString) first).getString());
            default -> false;
        };
    }
}
