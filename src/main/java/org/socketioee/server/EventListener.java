package org.socketioee.server;

/** A listener for one event name ({@code socket.on("name", event -> ...)}). */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);
}
