package org.socketioee.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the client sent when it opened the session: query, headers (names lower-cased), remote address, the
 * request URL and the time. The Socket.IO layer exposes it as {@code socket.handshake}.
 */
public record Handshake(Map<String, List<String>> query, Map<String, List<String>> headers, String remoteAddress,
                        String url, boolean secure, Instant time) {

    public Handshake {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** First value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
