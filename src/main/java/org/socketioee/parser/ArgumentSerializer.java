package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import org.eclipse.yasson.YassonJsonb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java values to JSON with JSON-B (Yasson, default mapping), where every {@code byte[]} and {@code ByteBuffer},
 * at any depth (records, beans, maps, lists), becomes a numbered placeholder and an attachment, numbered in
 * the order they are written, as socket.io-parser numbers them in a depth-first walk.
 * <p>
 * One Jsonb for all (creating one is expensive; it is thread-safe). Its binary serializers are registered as
 * user serializers, which Yasson prefers to its own byte[] handling for top-level values, elements and fields
 * alike; they find the current call's attachment list in a thread-local.
 * <p>
 * NaN and infinite numbers are written as {@code null}, as JSON.stringify writes them (inside a record or bean,
 * JSON-B refuses them).
 * <p>
 * The values most events carry (strings, integers, doubles, booleans, null, {@code JsonValue}, binary, and maps
 * with string keys and lists of those) are turned into the tree directly ({@link #direct}): going through JSON-B
 * costs its type lookup and generator for each value (a 100-character string took 6.6–11 µs that way when JSON-B
 * still wrote text, 2.0 µs directly). Anything else inside them (a record, a bean, an enum …) goes through JSON-B
 * where it stands, with the same attachment list, so placeholders are numbered in the same depth-first order;
 * Yasson writes it straight into the tree ({@link JsonTreeGenerator}). The tree is the same either way:
 * {@code ArgumentSerializerTest} compares the paths.
 */
final class ArgumentSerializer {
    /** The values as a JSON array, and the attachments its placeholders number. */
    record Serialized(JsonArray json, List<byte[]> attachments) {
    }

    /** The attachment list of the serialization running on this thread; null when binary is not allowed. */
    private static final ThreadLocal<List<byte[]>> ATTACHMENTS = new ThreadLocal<>();

    private ArgumentSerializer() {
    }

    /** Serializes the values as one JSON array, extracting binary values. */
    static Serialized serialize(Object... values) {
        List<byte[]> attachments = new ArrayList<>();
        JsonValue json = run(values, attachments);
        return new Serialized(json.asJsonArray(), attachments);
    }

    /** Serializes one value that may not contain binary (socket.io-parser only extracts it from events and acks). */
    static JsonValue serializeWithoutBinary(Object value) {
        return run(value, null);
    }

    private static JsonValue run(Object value, List<byte[]> attachments) {
        return direct(value, attachments);
    }

    /** The value as a tree without JSON-B where it holds only the plain kinds above, else through {@link #viaJsonb}. */
    static JsonValue direct(Object value, List<byte[]> attachments) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof String s) {
            return JsonText.JSON.createValue(s);
        } else if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return JsonText.JSON.createValue(((Number) value).longValue());
        } else if (value instanceof Double d) {
            // NaN and ±Infinity as JSON.stringify writes them: null. A catch-all listener gets Infinity for a
            // number beyond a double (1e999, as JSON.parse does), and echoing it must not fail (fuzzing found it:
            // JSON-B refused it and Yasson logged that at SEVERE)
            return d.isNaN() || d.isInfinite() ? JsonValue.NULL : JsonText.JSON.createValue(d);
        } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return JsonValue.NULL;
        } else if (value instanceof BigInteger i) {
            return JsonText.JSON.createValue(i);
        } else if (value instanceof BigDecimal d) {
            return JsonText.JSON.createValue(d);
        } else if (value instanceof JsonValue j) {
            return j;
        } else if (value instanceof byte[] bytes) {
            return placeholder(bytes, attachments);
        } else if (value instanceof ByteBuffer buffer) {
            // JSON-B finds no serializer for a ByteBuffer inside a collection (its runtime class is a subclass)
            return placeholder(copy(buffer), attachments);
        } else if (value instanceof Object[] array) {
            JsonArrayBuilder out = JsonText.JSON.createArrayBuilder();
            for (Object v : array) {
                out.add(direct(v, attachments));
            }
            return out.build();
        } else if (value instanceof List<?> list) {
            JsonArrayBuilder out = JsonText.JSON.createArrayBuilder();
            for (Object v : list) {
                out.add(direct(v, attachments));
            }
            return out.build();
        } else if (value instanceof Map<?, ?> map && stringKeys(map)) {
            JsonObjectBuilder out = JsonText.JSON.createObjectBuilder();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.add((String) e.getKey(), direct(e.getValue(), attachments));
            }
            return out.build();
        }
        return viaJsonb(value, attachments);
    }

    private static JsonValue placeholder(byte[] bytes, List<byte[]> attachments) {
        if (attachments == null) {
            throw new IllegalArgumentException("binary data is only allowed in event and ack arguments");
        }
        attachments.add(bytes);
        return Placeholders.create(attachments.size() - 1);
    }

    /** The remaining bytes, copied now: a buffer is reused more often than an array. */
    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** The value through JSON-B, which Yasson writes straight into a tree ({@link JsonTreeGenerator}). */
    static JsonValue viaJsonb(Object value, List<byte[]> attachments) {
        return withAttachments(attachments, () -> {
            JsonTreeGenerator tree = new JsonTreeGenerator();
            ((YassonJsonb) Holder.JSONB).toJson(value, tree);
            return tree.result();
        });
    }

    /** The value through JSON-B's text, parsed: what {@link #viaJsonb} must equal (compared in the tests). */
    static JsonValue viaJsonbText(Object value, List<byte[]> attachments) {
        return withAttachments(attachments, () -> JsonText.parse(Holder.JSONB.toJson(value)));
    }

    private interface Serialization {
        JsonValue run() throws SocketParseException;
    }

    private static JsonValue withAttachments(List<byte[]> attachments, Serialization serialization) {
        List<byte[]> outer = ATTACHMENTS.get(); // restored below, should a custom serializer call us back
        ATTACHMENTS.set(attachments);
        try {
            return serialization.run();
        } catch (JsonbException | JsonException | NumberFormatException | SocketParseException e) {
            throw new IllegalArgumentException("cannot serialize to JSON: " + e.getMessage(), e);
        } finally {
            if (outer == null) {
                ATTACHMENTS.remove();
            } else {
                ATTACHMENTS.set(outer);
            }
        }
    }

    private static void writeBinary(byte[] bytes, JsonGenerator generator) {
        List<byte[]> attachments = ATTACHMENTS.get();
        if (attachments == null) {
            throw new IllegalArgumentException("binary data is only allowed in event and ack arguments");
        }
        generator.writeStartObject()
                .write(Placeholders.MARKER, true)
                .write(Placeholders.NUM, attachments.size())
                .writeEnd();
        attachments.add(bytes);
    }

    private static final class BytesSerializer implements JsonbSerializer<byte[]> {
        @Override
        public void serialize(byte[] bytes, JsonGenerator generator, SerializationContext ctx) {
            // shared, not copied: like engine packets, the caller hands the array over
            writeBinary(bytes, generator);
        }
    }

    private static final class ByteBufferSerializer implements JsonbSerializer<ByteBuffer> {
        @Override
        public void serialize(ByteBuffer buffer, JsonGenerator generator, SerializationContext ctx) {
            writeBinary(copy(buffer), generator);
        }
    }

    /**
     * Created on first use, not when the parser classes load. From the Yasson this class links against (the WAR's),
     * not whichever provider {@code JsonbBuilder} finds through the thread's context class loader: on WildFly, a
     * thread of our own finds the server's Yasson module, whose instances are no {@link YassonJsonb} of ours.
     */
    private static final class Holder {
        static final Jsonb JSONB = new org.eclipse.yasson.JsonBindingProvider().create()
                .withConfig(new JsonbConfig().withSerializers(new BytesSerializer(), new ByteBufferSerializer()))
                .build();
    }
}
