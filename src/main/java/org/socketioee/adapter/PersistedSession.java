package org.socketioee.adapter;

import jakarta.json.JsonArray;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What connection state recovery keeps of a socket that lost its connection, and gives back to it on
 * reconnection with the events it missed (each the JSON array of an EVENT, offset last).
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                               List<JsonArray> missedPackets) {
    public PersistedSession {
        rooms = Set.copyOf(rooms);
        missedPackets = List.copyOf(missedPackets);
    }
}
