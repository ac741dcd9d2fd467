package org.socketioee.admin;

import org.socketioee.server.Namespace;
import org.socketioee.server.Socket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Development mode: every socket, room and event of every namespace told to the admin namespace as it happens
 * (admin-ui's {@code registerVerboseListeners}): {@code socket_connected}, {@code socket_disconnected},
 * {@code room_joined}, {@code room_left}, {@code event_received}, {@code event_sent} (not for the admin namespace's
 * own sockets), each with the time as its last argument; and {@code socket_updated} when a socket's transport
 * (its upgrade) or its data changed, found at each stats round ({@link #updates()}), where Node is told at once
 * (an engine upgrade event, a Proxy on {@code socket.data}).
 */
final class VerboseListeners {
    private final Namespace admin;
    private final Set<Namespace> instrumented = ConcurrentHashMap.newKeySet();
    /** What the UI was last told of each socket's data (without {@code _admin}). */
    private final Map<Socket, Map<String, Object>> shownData = new ConcurrentHashMap<>();
    /** Rooms left by a socket while it disconnects: told after its {@code socket_disconnected}, as Node does. */
    private final Map<Socket, List<String>> leftWhileDisconnecting = new ConcurrentHashMap<>();

    VerboseListeners(Namespace admin) {
        this.admin = admin;
    }

    /** Instruments {@code nsp} (once: it may be found both as existing and as new). */
    void register(Namespace nsp) {
        if (!instrumented.add(nsp)) {
            return;
        }
        String name = nsp.name();
        nsp.onConnection(socket -> {
            Map<String, Object> adminData = new LinkedHashMap<>();
            adminData.put("clientId", socket.connectionId().substring(0, Math.min(12, socket.connectionId().length())));
            adminData.put("transport", socket.transport());
            socket.data().put(SerializedSocket.ADMIN_KEY, Map.copyOf(adminData));
            shownData.put(socket, SerializedSocket.dataWithoutAdmin(socket.data()));
            admin.emit("socket_connected", SerializedSocket.of(socket), now());
            if (nsp != admin) {
                socket.onAny(e -> admin.emit("event_received", name, socket.id(), nameAndArgs(e.name(), e.args()), now()));
                socket.onAnyOutgoing(e -> admin.emit("event_sent", name, socket.id(), nameAndArgs(e.name(), e.args()), now()));
            }
            socket.onDisconnect(reason -> {
                shownData.remove(socket);
                admin.emit("socket_disconnected", name, socket.id(), reason.text(), now());
                List<String> rooms = leftWhileDisconnecting.remove(socket);
                if (rooms != null) {
                    rooms.forEach(room -> admin.emit("room_left", name, room, socket.id(), now()));
                }
            });
        });
        nsp.adapter().onJoinRoom((room, id) -> admin.emit("room_joined", name, room, id, now()));
        nsp.adapter().onLeaveRoom((room, id) -> {
            Socket s = nsp.sockets().get(id);
            if (s != null && !s.connected()) {
                leftWhileDisconnecting.computeIfAbsent(s, k -> new ArrayList<>()).add(room);
            } else {
                admin.emit("room_left", name, room, id, now());
            }
        });
    }

    /** {@code socket_updated} for each local socket whose transport or data changed since the UI was told. */
    void updates() {
        for (Socket socket : shownData.keySet()) {
            String nsp = socket.namespace().name();
            if (socket.data().get(SerializedSocket.ADMIN_KEY) instanceof Map<?, ?> adminData
                    && !socket.transport().equals(adminData.get("transport"))) {
                socket.data().put(SerializedSocket.ADMIN_KEY,
                        Map.of("clientId", adminData.get("clientId"), "transport", socket.transport()));
                admin.emit("socket_updated", ordered("id", socket.id(), "nsp", nsp, "transport", socket.transport()));
            }
            Map<String, Object> data = SerializedSocket.dataWithoutAdmin(socket.data());
            Map<String, Object> shown = shownData.get(socket);
            if (shown != null && !shown.equals(data) && shownData.replace(socket, shown, data)) {
                admin.emit("socket_updated", ordered("id", socket.id(), "nsp", nsp, "data", data));
            }
        }
    }

    private static List<Object> nameAndArgs(String event, List<Object> args) {
        List<Object> out = new ArrayList<>(args.size() + 1);
        out.add(event);
        out.addAll(args);
        return out;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return m;
    }

    private static String now() {
        return JsDates.json(Instant.now());
    }
}
