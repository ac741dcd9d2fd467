package org.socketioee.adapter;

import org.socketioee.parser.SocketPacket;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What connection state recovery keeps of a socket that lost its connection, and gives back to it on
 * reconnection with the events it missed (EVENT or BINARY_EVENT packets, offset last in their data).
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                               List<SocketPacket> missedPackets) {
    public PersistedSession {
        rooms = Set.copyOf(rooms);
        missedPackets = List.copyOf(missedPackets);
    }
}
