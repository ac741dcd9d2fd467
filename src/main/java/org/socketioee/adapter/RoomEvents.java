package org.socketioee.adapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Node's adapter events ("create-room", "delete-room", "join-room", "leave-room") for an adapter that reports
 * them: the listeners, and the changes of one membership call, recorded under the adapter's lock and told once
 * it is released (so a listener may broadcast, even through this adapter).
 */
public final class RoomEvents {
    private final List<Consumer<String>> created = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> deleted = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> joined = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> left = new CopyOnWriteArrayList<>();
    private volatile boolean observed;

    /** One change: {@code socketId} is null for the creation and deletion of a room. */
    public record Change(Kind kind, String room, String socketId) {
    }

    public enum Kind { CREATE_ROOM, DELETE_ROOM, JOIN_ROOM, LEAVE_ROOM }

    public void onCreateRoom(Consumer<String> listener) {
        created.add(listener);
        observed = true;
    }

    public void onDeleteRoom(Consumer<String> listener) {
        deleted.add(listener);
        observed = true;
    }

    public void onJoinRoom(BiConsumer<String, String> listener) {
        joined.add(listener);
        observed = true;
    }

    public void onLeaveRoom(BiConsumer<String, String> listener) {
        left.add(listener);
        observed = true;
    }

    /** Whether anybody listens: without listeners (the usual case) the adapter records nothing. */
    public boolean observed() {
        return observed;
    }

    /** Tells the listeners of {@code changes} in order; null (nothing recorded) does nothing. */
    public void fire(List<Change> changes) {
        if (changes == null) {
            return;
        }
        for (Change c : changes) {
            switch (c.kind()) {
                case CREATE_ROOM -> created.forEach(l -> l.accept(c.room()));
                case DELETE_ROOM -> deleted.forEach(l -> l.accept(c.room()));
                case JOIN_ROOM -> joined.forEach(l -> l.accept(c.room(), c.socketId()));
                case LEAVE_ROOM -> left.forEach(l -> l.accept(c.room(), c.socketId()));
            }
        }
    }
}
