package org.socketioee.testing;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.ConnectionListener;
import org.socketioee.engine.EngineSession;
import org.socketioee.engine.SessionListener;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the server side of the engine saw: sessions, messages (String or byte[]) and close reasons. */
public final class Recorder implements ConnectionListener, SessionListener {
    public final BlockingQueue<EngineSession> connections = new LinkedBlockingQueue<>();
    public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<CloseReason>> closes = new ConcurrentHashMap<>();

    @Override
    public void onConnection(EngineSession session) {
        session.setListener(this);
        closes.computeIfAbsent(session.id(), k -> new CompletableFuture<>());
        connections.add(session);
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        messages.add(text);
    }

    @Override
    public void onBinary(EngineSession session, byte[] data) {
        messages.add(data);
    }

    @Override
    public void onClose(EngineSession session, CloseReason reason) {
        closes.computeIfAbsent(session.id(), k -> new CompletableFuture<>()).complete(reason);
    }

    public EngineSession nextConnection() throws InterruptedException {
        EngineSession s = connections.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no connection within 5 s");
        }
        return s;
    }

    public Object nextMessage() throws InterruptedException {
        Object m = messages.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 5 s");
        }
        return m;
    }

    /** The reason the session closed, waiting up to 5 s. */
    public CloseReason closeReason(String sid) throws Exception {
        return closes.computeIfAbsent(sid, k -> new CompletableFuture<>()).get(5, TimeUnit.SECONDS);
    }
}
