package org.socketioee.adapter.redis;

import org.socketioee.adapter.AdapterSocket.SocketDetails;
import org.socketioee.adapter.BroadcastOptions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the classic ({@link RedisAdapter}) and the sharded ({@link ShardedRedisAdapter}) protocols carry alike:
 * broadcast options as Node's {@code {rooms, except, flags}}, sockets described for another node (fetchSockets'
 * answers), bodies with keys in Node's order, and whether a value holds binary (then MessagePack, else JSON).
 */
final class ClusterWire {
    private ClusterWire() {
    }

    /** {@code {rooms, except, flags}} as Node's BroadcastOperator fills them (flags only when set). */
    static Map<String, Object> rawOpts(BroadcastOptions opts) {
        Map<String, Object> flags = new LinkedHashMap<>();
        if (opts.volatileFlag()) {
            flags.put("volatile", true);
        }
        if (opts.timeout() != null) {
            flags.put("timeout", opts.timeout().toMillis());
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("rooms", List.copyOf(opts.rooms()));
        raw.put("except", List.copyOf(opts.except()));
        raw.put("flags", flags);
        return raw;
    }

    static BroadcastOptions options(Object raw, boolean withFlags) {
        Map<?, ?> m = raw instanceof Map<?, ?> map ? map : Map.of();
        boolean volatileFlag = withFlags && m.get("flags") instanceof Map<?, ?> f && Boolean.TRUE.equals(f.get("volatile"));
        return new BroadcastOptions(strings(m.get("rooms")), strings(m.get("except")), volatileFlag, true, true, null);
    }

    /** Room names (Node allows numbers as rooms: they travel as numbers). */
    static Set<String> strings(Object list) {
        Set<String> out = new LinkedHashSet<>();
        if (list instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** A body with its keys in the order given (Node's object literals). */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * A handshake as Node's nodes read one: its header values are strings (several joined by ", ", as Node's
     * http module does), a query parameter given once is a string; this server keeps them as lists.
     */
    static Map<String, Object> nodeHandshake(Map<String, Object> handshake) {
        Map<String, Object> out = new LinkedHashMap<>(handshake);
        if (handshake.get("headers") instanceof Map<?, ?> headers) {
            Map<String, Object> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(String.valueOf(k),
                    v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v));
            out.put("headers", h);
        }
        if (handshake.get("query") instanceof Map<?, ?> query) {
            Map<String, Object> q = new LinkedHashMap<>();
            query.forEach((k, v) -> q.put(String.valueOf(k), v instanceof List<?> l && l.size() == 1 ? l.get(0) : v));
            out.put("query", q);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static SocketDetails details(Object socket) {
        Map<String, Object> s = (Map<String, Object>) socket;
        Object data = s.get("data");
        Object handshake = s.get("handshake");
        return new SocketDetails(String.valueOf(s.get("id")),
                handshake instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of(),
                strings(s.get("rooms")),
                // Node's socket.data may be any value; the Java view is a map (a non-object goes under "value")
                data instanceof Map<?, ?> d ? (Map<String, Object>) d
                        : data == null ? Map.of() : Map.of("value", data));
    }


    /** socket-io-adapter's {@code hasBinary}: a byte[] anywhere inside (then the message goes as MessagePack). */
    static boolean hasBinary(Object value) {
        if (value instanceof byte[]) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (hasBinary(v)) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) {
                if (hasBinary(v)) {
                    return true;
                }
            }
        } else if (value instanceof Object[] a) {
            for (Object v : a) {
                if (hasBinary(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
