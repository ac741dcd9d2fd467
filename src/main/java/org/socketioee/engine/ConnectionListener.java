package org.socketioee.engine;

/** Told of every new session right after its open packet is queued; usually sets the session's listener. */
@FunctionalInterface
public interface ConnectionListener {
    void onConnection(EngineSession session);
}
