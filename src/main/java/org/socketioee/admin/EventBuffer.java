package org.socketioee.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregated events of {@code server_stats}: counts per second, type and sub-type ({@code rawConnection},
 * {@code rawDisconnection} with its reason, {@code packetsIn}, {@code packetsOut}, {@code bytesIn},
 * {@code bytesOut}), taken and cleared at each emission (Node's EventBuffer).
 */
final class EventBuffer {
    private record Key(long second, String type, String subType) {
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();

    void push(String type, String subType, long count) {
        long now = System.currentTimeMillis();
        Key key = new Key(now - now % 1000, type, subType);
        synchronized (counts) {
            counts.computeIfAbsent(key, k -> new long[1])[0] += count;
        }
    }

    /**
     * The counts since the last call, in the order first seen: {@code {timestamp, type, subType?, count}}, the
     * sub-type left out when there is none (JSON.stringify drops undefined).
     */
    List<Map<String, Object>> valuesAndClear() {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (counts) {
            counts.forEach((k, c) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("timestamp", k.second());
                e.put("type", k.type());
                if (k.subType() != null) {
                    e.put("subType", k.subType());
                }
                e.put("count", c[0]);
                out.add(e);
            });
            counts.clear();
        }
        return out;
    }
}
