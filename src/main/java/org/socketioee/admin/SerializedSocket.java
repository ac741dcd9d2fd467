package org.socketioee.admin;

import org.socketioee.server.RemoteSocket;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketHandshake;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A socket as the UI receives it in {@code all_sockets} and {@code socket_connected} (admin-ui's
 * {@code serialize()}): {@code {id, clientId, transport, nsp, data, handshake: {address, headers, query, issued,
 * secure, time, url, xdomain}, rooms}}, keys in that order. Client id and transport travel in the socket's data
 * under {@code _admin}, as in Node, so that sockets fetched from other nodes of a cluster carry them too; the
 * {@code data} sent is the rest. Headers and query keys are sorted (Node keeps the request's order, which the
 * Java side does not know).
 */
final class SerializedSocket {
    static final String ADMIN_KEY = "_admin";

    private SerializedSocket() {
    }

    /** A socket of this node. */
    static Map<String, Object> of(Socket s) {
        SocketHandshake h = s.handshake();
        return build(s.id(), s.namespace().name(), s.data(), h.headers(), h.query(), h.address(), h.time(),
                h.url(), h.secure(), h.xdomain(), s.rooms());
    }

    /** A socket from fetchSockets (its handshake as plain values, possibly from another node). */
    static Map<String, Object> of(RemoteSocket s, String nsp) {
        Map<String, Object> h = s.handshake();
        Object issued = h.get("issued");
        Instant time = issued instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Instant.EPOCH;
        return build(s.id(), nsp, s.data(), asMap(h.get("headers")), asMap(h.get("query")),
                string(h.get("address")), time, string(h.get("url")), Boolean.TRUE.equals(h.get("secure")),
                Boolean.TRUE.equals(h.get("xdomain")), s.rooms());
    }

    private static Map<String, Object> build(String id, String nsp, Map<String, Object> data,
                                             Map<String, ?> headers, Map<String, ?> query, String address,
                                             Instant time, String url, boolean secure, boolean xdomain,
                                             Collection<String> rooms) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        if (data.get(ADMIN_KEY) instanceof Map<?, ?> admin) {
            putIfPresent(out, "clientId", admin.get("clientId"));
            putIfPresent(out, "transport", admin.get("transport"));
        }
        out.put("nsp", nsp);
        out.put("data", dataWithoutAdmin(data));
        Map<String, Object> handshake = new LinkedHashMap<>();
        Map<String, Object> hs = headers(headers);
        Object forwarded = hs.getOrDefault("cf-connecting-ip", hs.get("x-forwarded-for"));
        handshake.put("address", forwarded != null ? forwarded : address);
        handshake.put("headers", hs);
        handshake.put("query", query(query));
        handshake.put("issued", time.toEpochMilli());
        handshake.put("secure", secure);
        handshake.put("time", JsDates.toDateString(time));
        putIfPresent(handshake, "url", url);
        handshake.put("xdomain", xdomain);
        out.put("handshake", handshake);
        out.put("rooms", rooms(id, rooms));
        return out;
    }

    /** Its own room first, as in Node (rooms in the order joined), then the others sorted. */
    private static List<String> rooms(String id, Collection<String> rooms) {
        List<String> out = new java.util.ArrayList<>(rooms.size());
        if (rooms.contains(id)) {
            out.add(id);
        }
        rooms.stream().filter(r -> !r.equals(id)).sorted().forEach(out::add);
        return out;
    }

    /** The socket's data as the UI shows it: without the admin's own entry. */
    static Map<String, Object> dataWithoutAdmin(Map<String, Object> data) {
        Map<String, Object> d = new TreeMap<>(data);
        d.remove(ADMIN_KEY);
        return d;
    }

    /** Node's request headers: one string per name, repeated ones joined with ", " (set-cookie stays a list). */
    private static Map<String, Object> headers(Map<String, ?> headers) {
        Map<String, Object> out = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (v instanceof List<?> l && !"set-cookie".equals(k)) {
                out.put(k, String.join(", ", l.stream().map(String::valueOf).toList()));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Node's parsed query: a string per name, a list for a repeated one. */
    private static Map<String, Object> query(Map<String, ?> query) {
        Map<String, Object> out = new TreeMap<>();
        query.forEach((k, v) -> out.put(k, v instanceof List<?> l && l.size() == 1 ? l.get(0) : v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static void putIfPresent(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
