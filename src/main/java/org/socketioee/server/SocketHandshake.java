package org.socketioee.server;

import org.socketioee.engine.Handshake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake data of a socket (Node's {@code socket.handshake}): headers, query, auth payload of its CONNECT
 * packet, address, time, url, whether it was secure or cross-origin.
 */
public record SocketHandshake(Map<String, List<String>> headers, Map<String, List<String>> query,
                              Map<String, Object> auth, String address, Instant time, String url, boolean secure,
                              boolean xdomain) {

    static SocketHandshake of(Handshake h, Map<String, Object> auth) {
        return new SocketHandshake(h.headers(), h.query(), auth == null ? Map.of() : auth, h.remoteAddress(),
                h.time(), h.url(), h.secure(), h.header("origin") != null);
    }

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** As Node serializes it for fetchSockets: plain values. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headers", headers);
        m.put("time", time.toString());
        m.put("address", address);
        m.put("xdomain", xdomain);
        m.put("secure", secure);
        m.put("issued", time.toEpochMilli());
        m.put("url", url);
        m.put("query", query);
        m.put("auth", auth);
        return m;
    }
}
