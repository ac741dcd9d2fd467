package org.socketioee.examples;

import org.socketioee.engine.EngineServer;
import org.socketioee.engine.EngineSession;
import org.socketioee.engine.SessionListener;

/** The Engine.IO test-suite server's handler: every message, text or binary, is sent back unchanged. */
public final class EngineEcho implements SessionListener {
    public static void install(EngineServer engine) {
        EngineEcho echo = new EngineEcho();
        engine.onConnection(session -> session.setListener(echo));
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        session.send(text);
    }

    @Override
    public void onBinary(EngineSession session, byte[] data) {
        session.send(data);
    }
}
