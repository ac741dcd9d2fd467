package org.socketioee.parser;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.BinaryDataStrategy;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/**
 * Binds event arguments to Java types with JSON-B (Yasson): records, beans, lists, maps, {@code byte[]} and
 * {@code ByteBuffer} for binary. Binary placeholders are resolved first, at any depth: a {@code byte[]} field of a
 * record receives the attachment the placeholder stands for. Shared by the server and the client.
 */
public final class ArgumentBinder {
    // placeholders become base64 strings, which this JSON-B instance reads back as byte[]
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withBinaryDataStrategy(BinaryDataStrategy.BASE_64));

    private ArgumentBinder() {
    }

    /**
     * {@code value} of {@code packet} bound to {@code type} (Object: plain Java values; byte[]/ByteBuffer: an
     * attachment); a value that does not fit the type throws {@link BindingException}.
     */
    public static Object bind(SocketPacket packet, JsonValue value, Type type) {
        if (value == null) {
            value = JsonValue.NULL;
        }
        if (type == Object.class) {
            return packet.toJava(value);
        }
        if (type == byte[].class || type == ByteBuffer.class) {
            byte[] b = packet.attachment(value);
            if (b != null) {
                return type == byte[].class ? b : ByteBuffer.wrap(b).asReadOnlyBuffer();
            }
        }
        if (type == JsonValue.class) {
            return value;
        }
        if (value == JsonValue.NULL) {
            return null;
        }
        JsonValue resolved = packet.attachments().isEmpty() ? value : resolve(packet, value);
        try {
            return JSONB.fromJson(resolved.toString(), type);
        } catch (JsonbException e) {
            throw new BindingException("cannot bind " + abbreviate(value) + " to " + type.getTypeName()
                    + ": " + e.getMessage(), e);
        }
    }

    private static JsonValue resolve(SocketPacket packet, JsonValue v) {
        byte[] b = packet.attachment(v);
        if (b != null) {
            return Json.createValue(Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof JsonObject o) {
            JsonObjectBuilder ob = Json.createObjectBuilder();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                ob.add(e.getKey(), resolve(packet, e.getValue()));
            }
            return ob.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder ab = Json.createArrayBuilder();
            for (JsonValue e : a) {
                ab.add(resolve(packet, e));
            }
            return ab.build();
        }
        return v;
    }

    private static String abbreviate(JsonValue v) {
        String s = v.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
