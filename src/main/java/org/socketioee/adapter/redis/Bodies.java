package org.socketioee.adapter.redis;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.socketioee.parser.JavaTree;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bodies of requests and responses: JSON for most, MessagePack for those that may carry binary (BROADCAST,
 * BROADCAST_ACK), as the Node adapter writes them; it tells them apart by the first byte, a JSON object's '{'.
 */
final class Bodies {
    // JSON-B for application values inside bodies (socket data, serverSideEmit arguments and answers)
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Bodies() {
    }

    static byte[] json(Map<String, Object> body) {
        return JSONB.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    /** A body as plain Java values (maps in document order); IllegalArgumentException when malformed. */
    static Map<String, Object> parse(byte[] message) {
        Object tree;
        if (message.length > 0 && message[0] == '{') {
            try (JsonReader r = Json.createReader(new ByteArrayInputStream(message))) {
                tree = JavaTree.of(r.readValue(), null);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
            }
        } else {
            tree = Notepack.decode(message);
        }
        if (!(tree instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a body must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) m;
        return body;
    }
}
