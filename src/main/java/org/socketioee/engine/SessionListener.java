package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;

/**
 * What the layer above (Socket.IO, or an example) hears from one session. Called on the thread that read the
 * packet (a container thread): keep it short and never block in it.
 */
public interface SessionListener {
    void onMessage(EngineSession session, String text);

    void onBinary(EngineSession session, byte[] data);

    default void onClose(EngineSession session, CloseReason reason) {
    }
}
