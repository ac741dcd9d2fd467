package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;

/**
 * The {@code {"_placeholder":true,"num":n}} objects that stand for binary attachment n in the JSON of a
 * BINARY_EVENT/BINARY_ACK. As in socket.io-parser, an object is a placeholder when its {@code _placeholder} is
 * {@code true}, whatever else it holds, and only in binary packets.
 */
final class Placeholders {
    static final String MARKER = "_placeholder";
    static final String NUM = "num";

    private Placeholders() {
    }

    static JsonObject create(int num) {
        return JsonText.JSON.createObjectBuilder().add(MARKER, true).add(NUM, num).build();
    }

    static boolean isPlaceholder(JsonValue value) {
        return value instanceof JsonObject o && o.get(MARKER) == JsonValue.TRUE;
    }

    /** The attachment index of a placeholder, or -1 when {@code num} is not an integer in [0, count). */
    static int index(JsonObject placeholder, int count) {
        if (placeholder.get(NUM) instanceof JsonNumber num) {
            BigDecimal n = num.bigDecimalValue();
            if (n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(count)) < 0 && n.stripTrailingZeros().scale() <= 0) {
                return n.intValue();
            }
        }
        return -1;
    }

    /** Checks every placeholder in the tree up front, so a bad one fails before its attachments are buffered. */
    static void validate(JsonValue value, int count) throws SocketParseException {
        if (value instanceof JsonObject o) {
            if (isPlaceholder(o)) {
                if (index(o, count) < 0) {
                    throw new SocketParseException("invalid placeholder " + JsonText.write(o) + " for " + count
                            + " attachment(s)");
                }
                return;
            }
            for (JsonValue v : o.values()) {
                validate(v, count);
            }
        } else if (value instanceof JsonArray a) {
            for (JsonValue v : a) {
                validate(v, count);
            }
        }
    }
}
