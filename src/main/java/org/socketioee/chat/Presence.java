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

    record Member(String nick, String socketId) {
    }

    /** Takes {@code nick} in {@code room} for the socket; false when someone else has it. */
    synchronized boolean claim(String room, String nick, String socketId) {
        Map<String, Member> members = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
        Member current = members.get(key(nick));
        if (current != null && !current.socketId().equals(socketId)) {
            return false;
        }
        members.put(key(nick), new Member(nick, socketId));
        return true;
    }

    synchronized void release(String room, String nick, String socketId) {
        Map<String, Member> members = rooms.get(room);
        if (members != null && members.get(key(nick)) != null
                && members.get(key(nick)).socketId().equals(socketId)) {
            members.remove(key(nick));
            if (members.isEmpty()) {
                rooms.remove(room);
            }
        }
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
