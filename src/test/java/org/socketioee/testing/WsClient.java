package org.socketioee.testing;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.socketioee.client.TyrusClientManager;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket test client on Tyrus: records every frame (String for text, byte[] for binary) and the close.
 */
public final class WsClient implements AutoCloseable {
    private static final ClientManager MANAGER = new TyrusClientManager();

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    public static WsClient connect(String url) throws Exception {
        return connect(url, Map.of());
    }

    public static WsClient connect(String url, Map<String, String> headers) throws Exception {
        WsClient c = new WsClient();
        ClientEndpointConfig cfg = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> h) {
                        headers.forEach((k, v) -> h.put(k, List.of(v)));
                    }
                }).build();
        c.session = MANAGER.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) c.frames::add);
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                    byte[] a = new byte[b.remaining()];
                    b.get(a);
                    c.frames.add(a);
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                c.closed.complete(reason);
            }

            @Override
            public void onError(Session s, Throwable t) {
                c.closed.complete(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, String.valueOf(t)));
            }
        }, cfg, URI.create(url));
        return c;
    }

    public void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    public void send(byte[] data) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    }

    /**
     * Sends a message the server is expected to refuse by closing the connection: the close may arrive while the
     * message is still being written, so a failed send is no error here; {@link #awaitClose()} tells what happened.
     */
    public void sendRefused(Object message) {
        try {
            if (message instanceof byte[] b) {
                send(b);
            } else {
                send((String) message);
            }
        } catch (IOException | RuntimeException closedWhileSending) {
            // Tyrus: IOException, or RuntimeException "Socket is not connected" once the server has closed
        }
    }

    /** The next frame within 5 s; fails the test when none comes. */
    public Object next() throws InterruptedException {
        // 10 s: a frame that crosses a cluster (Redis, another node's threads) on a CI machine under load
        Object f = frames.poll(10, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return f;
    }

    public String nextText() throws InterruptedException {
        Object f = next();
        if (!(f instanceof String s)) {
            throw new AssertionError("expected a text frame, got " + f);
        }
        return s;
    }

    /** The next frame within the given time, or null. */
    public Object poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    public CloseReason awaitClose() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
