package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Java values to JSON with JSON-B (Yasson, default mapping), where every {@code byte[]} and {@code ByteBuffer},
 * at any depth (records, beans, maps, lists), becomes a numbered placeholder and an attachment, numbered in
 * the order they are written, as socket.io-parser numbers them in a depth-first walk.
 * <p>
 * One Jsonb for all (creating one is expensive; it is thread-safe). Its binary serializers are registered as
 * user serializers, which Yasson prefers to its own byte[] handling for top-level values, elements and fields
 * alike; they find the current call's attachment list in a thread-local.
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
        List<byte[]> outer = ATTACHMENTS.get(); // restored below, should a custom serializer call us back
        ATTACHMENTS.set(attachments);
        try {
            return JsonText.parse(Holder.JSONB.toJson(value));
        } catch (JsonbException | SocketParseException e) {
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
            // the remaining bytes, copied now: a buffer is reused more often than an array
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            writeBinary(bytes, generator);
        }
    }

    /** Created on first use, not when the parser classes load. */
    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create(
                new JsonbConfig().withSerializers(new BytesSerializer(), new ByteBufferSerializer()));
    }
}
