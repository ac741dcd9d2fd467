package org.socketioee.adapter;

import java.time.Duration;
import java.util.Set;

/**
 * Who receives a broadcast and how: the rooms (empty = every socket of the namespace), the rooms excluded, and
 * the flags of Node's BroadcastOperator.
 *
 * @param timeout for broadcasts with acknowledgements; null otherwise
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileFlag, boolean local,
                               boolean compress, Duration timeout) {
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    public static BroadcastOptions all() {
        return new BroadcastOptions(Set.of(), Set.of(), false, false, true, null);
    }

    public static BroadcastOptions toRoom(String room) {
        return new BroadcastOptions(Set.of(room), Set.of(), false, false, true, null);
    }

    /** Whether a socket in {@code socketRooms} is a target. */
    public boolean includes(Set<String> socketRooms) {
        for (String r : except) {
            if (socketRooms.contains(r)) {
                return false;
            }
        }
        if (rooms.isEmpty()) {
            return true;
        }
        for (String r : rooms) {
            if (socketRooms.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
