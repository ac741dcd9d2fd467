package org.socketioee.parser;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerationException;
import jakarta.json.stream.JsonGenerator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JsonGenerator that builds a tree instead of writing text. Yasson serializes into any generator
 * ({@code YassonJsonb.toJson(Object, JsonGenerator)}), so a record or bean becomes the packet's tree directly: no
 * JSON text written by JSON-B, then parsed again (that round trip was a third of an event's encoding time).
 * <p>
 * The numbers are the JSON-P values of what Yasson hands over, which are the values its text would parse into:
 * {@code ArgumentSerializerTest} compares this path with the text path on every kind of sample.
 */
final class JsonTreeGenerator implements JsonGenerator {
    /** An open object or array, and the key its next value goes under (objects only). */
    private static final class Open {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        String key;

        Open(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    private final Deque<Open> open = new ArrayDeque<>();
    private JsonValue result;

    /** The tree written, once its top-level value is complete. */
    JsonValue result() {
        if (result == null || !open.isEmpty()) {
            throw new JsonGenerationException("incomplete JSON");
        }
        return result;
    }

    private JsonGenerator add(JsonValue value) {
        Open top = open.peek();
        if (top == null) {
            if (result != null) {
                throw new JsonGenerationException("a second top-level value");
            }
            result = value;
        } else if (top.object != null) {
            if (top.key == null) {
                throw new JsonGenerationException("a value in an object without a key");
            }
            top.object.add(top.key, value);
            top.key = null;
        } else {
            top.array.add(value);
        }
        return this;
    }

    private JsonGenerator start(Open container) {
        Open top = open.peek();
        if (top == null && result != null) {
            throw new JsonGenerationException("a second top-level value");
        }
        if (top != null && top.object != null && top.key == null) {
            throw new JsonGenerationException("a value in an object without a key");
        }
        open.push(container);
        return this;
    }

    @Override
    public JsonGenerator writeStartObject() {
        return start(new Open(JsonText.JSON.createObjectBuilder(), null));
    }

    @Override
    public JsonGenerator writeStartObject(String name) {
        return writeKey(name).writeStartObject();
    }

    @Override
    public JsonGenerator writeKey(String name) {
        Open top = open.peek();
        if (top == null || top.object == null || top.key != null) {
            throw new JsonGenerationException("a key outside an object: " + name);
        }
        top.key = name;
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() {
        return start(new Open(null, JsonText.JSON.createArrayBuilder()));
    }

    @Override
    public JsonGenerator writeStartArray(String name) {
        return writeKey(name).writeStartArray();
    }

    @Override
    public JsonGenerator writeEnd() {
        Open done = open.poll();
        if (done == null || done.key != null) {
            throw new JsonGenerationException("an end without its start, or after a key");
        }
        return add(done.build());
    }

    @Override
    public JsonGenerator write(String name, JsonValue value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, String value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigInteger value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigDecimal value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, int value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, long value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, double value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, boolean value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator writeNull(String name) {
        return writeKey(name).writeNull();
    }

    @Override
    public JsonGenerator write(JsonValue value) {
        return add(value);
    }

    @Override
    public JsonGenerator write(String value) {
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(BigDecimal value) {
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(BigInteger value) {
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(int value) {
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(long value) {
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // as JSON-P's own generators refuse it (Yasson's message for it is "Internal error: …")
            throw new NumberFormatException("double value cannot be Infinite or NaN");
        }
        return add(JsonText.JSON.createValue(value));
    }

    @Override
    public JsonGenerator write(boolean value) {
        return add(value ? JsonValue.TRUE : JsonValue.FALSE);
    }

    @Override
    public JsonGenerator writeNull() {
        return add(JsonValue.NULL);
    }

    @Override
    public void close() {
        // nothing to release; result() says whether the tree is complete
    }

    @Override
    public void flush() {
    }
}
