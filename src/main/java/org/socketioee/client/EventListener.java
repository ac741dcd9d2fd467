package org.socketioee.client;

/** Listener of a server event (or of every event, {@link Socket#onAny}); runs on the manager's event loop. */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);
}
