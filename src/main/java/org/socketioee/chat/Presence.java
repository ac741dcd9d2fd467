package org.socketioee.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Who is online in each room, by nickname (unique per room, case-insensitively); this node's sockets. */
final class Presence {
    private final Map<String, Map<String, Member>> rooms = new HashMap<>();

    /** A nickname held by a socket; {@code token}: the browser's (or client's) secret it was joined with, or null. */
    record Member(String nick, String socketId, String token) {
    }

    /**
     * The outcome of a claim: refused (someone else has the nickname), granted, or granted by taking it over from
     * {@code replaced}, another socket of the same owner (same token: a reload, a second tab).
     */
    record Claim(boolean granted, String replaced) {
        static final Claim REFUSED = new Claim(false, null);
        static final Claim GRANTED = new Claim(true, null);
    }

    /**
     * Takes {@code nick} in {@code room} for the socket. Held by another socket, it is taken over when both carry
     * the same (non-null) token, and refused otherwise.
     */
    synchronized Claim claim(String room, String nick, String socketId, String token) {
        Map<String, Member> members = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
        Member current = members.get(key(nick));
        Claim claim = Claim.GRANTED;
        if (current != null && !current.socketId().equals(socketId)) {
            if (token == null || !token.equals(current.token())) {
                return Claim.REFUSED;
            }
            claim = new Claim(true, current.socketId());
        }
        members.put(key(nick), new Member(nick, socketId, token));
        return claim;
    }

    /** Gives the nickname up, if the socket still holds it; whether it did. */
    synchronized boolean release(String room, String nick, String socketId) {
        Map<String, Member> members = rooms.get(room);
        if (members != null && members.get(key(nick)) != null
                && members.get(key(nick)).socketId().equals(socketId)) {
            members.remove(key(nick));
            if (members.isEmpty()) {
                rooms.remove(room);
            }
            return true;
        }
        return false;
    }

    synchronized List<String> nicks(String room) {
        Map<String, Member> members = rooms.get(room);
        List<String> out = new ArrayList<>();
        if (members != null) {
            members.values().forEach(m -> out.add(m.nick()));
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    synchronized int count(String room) {
        Map<String, Member> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    synchronized Member find(String room, String nick) {
        Map<String, Member> members = rooms.get(room);
        return members == null ? null : members.get(key(nick));
    }

    private static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }
}
