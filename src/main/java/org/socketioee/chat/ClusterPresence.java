package org.socketioee.chat;

import org.socketioee.server.Namespace;
import org.socketioee.server.RemoteSocket;
import org.socketioee.server.Socket;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Who is in the chat on the other nodes of a cluster (the Redis adapter): each joined socket carries its room,
 * nickname and owner in {@code socket.data.chat}, and this node reads the others' with {@code fetchSockets}, so
 * member lists, room counts, nickname uniqueness, take-overs and private messages span the cluster. This node's
 * own sockets are {@link Presence}'s (atomic here); on a single node (one server) nothing is asked.
 * <p>
 * The owner travels as the SHA-256 of the join token, never the token. Two joins of one nickname on two nodes at
 * the same instant can both pass (each asks before the other has it): the window is one cluster request.
 * Blocking: call it on the chat's database threads, never a transport thread.
 */
final class ClusterPresence {
    private static final System.Logger LOG = System.getLogger(ClusterPresence.class.getName());
    static final String DATA_KEY = "chat";

    private final Namespace nsp;
    private final Predicate<String> local;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    /** The number of servers at the last look: more than one, and notices are sent again a moment later. */
    private volatile int servers = 1;

    /** A joined socket of another node. */
    record Remote(String socketId, String room, String nick, String owner) {
    }

    /** @param local whether a socket id is one of this node's (its presence is {@link Presence}'s) */
    ClusterPresence(Namespace nsp, Predicate<String> local) {
        this.nsp = nsp;
        this.local = local;
    }

    /** What the other nodes see of a socket that joined {@code room} as {@code nick}. */
    static void publish(Socket socket, String room, String nick, String token) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("room", room);
        chat.put("nick", nick);
        if (token != null) {
            chat.put("owner", owner(token));
        }
        socket.data().put(DATA_KEY, chat);
    }

    static void unpublish(Socket socket) {
        socket.data().remove(DATA_KEY);
    }

    static String owner(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether other nodes were there at the last look. Two joins on two nodes at the same moment each see the
     * other's node before the other socket is in: their member lists miss each other, so the chat sends the
     * room's list again a moment later.
     */
    boolean clustered() {
        return servers > 1;
    }

    /** The joined sockets of the other nodes in {@code room}. */
    List<Remote> in(String room) {
        return others(room).stream().filter(r -> r.room().equals(room)).toList();
    }

    /** The other node's socket holding {@code nick} in {@code room} (case-insensitively), or null. */
    Remote holder(String room, String nick) {
        return in(room).stream().filter(r -> r.nick().equalsIgnoreCase(nick)).findFirst().orElse(null);
    }

    /**
     * The number of servers in the cluster now, as the adapter counts them (one per node's subscription, which
     * Redis drops as soon as a node's connection closes, a killed node's too); -1 when it cannot be asked.
     */
    int countServers() {
        try {
            int n = nsp.adapter().serverCount().get(10, TimeUnit.SECONDS);
            servers = n;
            return n;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    /** The joined sockets of the other nodes, by room (one request to the cluster). */
    Map<String, List<Remote>> byRoom() {
        Map<String, List<Remote>> out = new HashMap<>();
        others(null).forEach(r -> out.computeIfAbsent(r.room(), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** How many joined sockets each room has on the other nodes. */
    Map<String, Integer> counts() {
        Map<String, Integer> out = new HashMap<>();
        others(null).forEach(r -> out.merge(r.room(), 1, Integer::sum));
        return out;
    }

    private List<Remote> others(String room) {
        List<Remote> out = new ArrayList<>();
        try {
            servers = nsp.adapter().serverCount().get(10, TimeUnit.SECONDS);
            if (servers <= 1) {
                return out;
            }
            List<RemoteSocket> sockets = (room == null ? nsp.fetchSockets() : nsp.in(room).fetchSockets())
                    .get(30, TimeUnit.SECONDS); // the adapter's requests timeout ends it before
            for (RemoteSocket s : sockets) {
                if (!local.test(s.id()) && s.data().get(DATA_KEY) instanceof Map<?, ?> chat
                        && chat.get("room") instanceof String r && chat.get("nick") instanceof String n) {
                    out.add(new Remote(s.id(), r, n, chat.get("owner") instanceof String o ? o : null));
                }
            }
            failureLogged.set(false);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the other nodes cannot be asked (Redis away): this node's view only, until they can
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "chat: the other nodes cannot be asked who is online ({0}); this node''s "
                        + "members only until they can", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }
        return out;
    }
}
