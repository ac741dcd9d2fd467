package org.socketioee.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;

import java.net.CookieHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The WebSocket transport on the Tyrus client of the {@link ClientRuntime} (each connection has its own Grizzly
 * client transport, closed with it; no server of its own). Frames are sent asynchronously, one in flight at a time, in order.
 */
final class WebSocketTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(WebSocketTransport.class.getName());
    private final ArrayDeque<Object> frames = new ArrayDeque<>();
    private boolean sending;
    private volatile Session session;

    WebSocketTransport(ClientOptions options, URI base, Executor loop, Listener listener, String sid, CookieHandler cookies,
                       ClientRuntime runtime) {
        super(options, base, loop, listener, sid, cookies, runtime);
    }

    @Override
    String name() {
        return "websocket";
    }

    @Override
    void open() {
        URI uri = uri(secure() ? "wss" : "ws");
        Map<String, List<String>> extra = options.extraHeaders();
        ClientEndpointConfig cfg = ClientEndpointConfig.Builder.create()
                .sslContext(options.sslContext()) // null: Tyrus uses the JVM's default
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        extra.forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                        String cookie = cookieHeader();
                        if (cookie != null) {
                            headers.put("Cookie", new ArrayList<>(List.of(cookie)));
                        }
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        keepCookies(response.getHeaders());
                    }
                }).build();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                session = s;
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> post(() -> received(text)));
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                    byte[] a = new byte[b.remaining()];
                    b.get(a);
                    post(() -> received(a));
                });
                post(() -> {
                    if (closed) {
                        closeQuietly(s);
                        return;
                    }
                    opened = true;
                    writable = true;
                    listener.onTransportOpen(WebSocketTransport.this);
                });
            }

            @Override
            public void onClose(Session s, jakarta.websocket.CloseReason reason) {
                failed(CloseReason.TRANSPORT_CLOSE, null);
            }

            @Override
            public void onError(Session s, Throwable t) {
                failed(CloseReason.TRANSPORT_ERROR, t);
            }
        };
        ClientManager tyrus = runtime.tyrus;
        runtime.blocking.execute(() -> {
            try {
                java.util.concurrent.Future<Session> connecting;
                // the manager's properties are one plain map, copied by each connect: set and copy under one lock
                synchronized (tyrus) {
                    tyrus.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT,
                            (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
                    connecting = tyrus.asyncConnectToServer(endpoint, cfg, uri);
                }
                connecting.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failed(CloseReason.TRANSPORT_ERROR, e.getCause());
            } catch (Exception e) {
                failed(CloseReason.TRANSPORT_ERROR, e);
            }
        });
    }

    private void received(Object frame) {
        if (closed) {
            return;
        }
        try {
            Packet p = frame instanceof String s ? PacketCodec.decode(s) : Packet.message((byte[]) frame);
            listener.onPacket(this, p);
        } catch (EngineParseException e) {
            closed = true;
            closeQuietly(session);
            listener.onTransportClose(this, CloseReason.PARSE_ERROR, e);
        }
    }

    @Override
    void send(List<Packet> packets) {
        writable = false;
        for (Packet p : packets) {
            frames.add(p.isBinary() ? p.binary() : p.wire());
        }
        sendNext();
    }

    private void sendNext() {
        if (closed || sending) {
            return;
        }
        Object f = frames.poll();
        Session s = session;
        if (f == null) {
            writable = true;
            listener.onDrain(this);
            return;
        }
        sending = true;
        jakarta.websocket.SendHandler done = result -> post(() -> {
            sending = false;
            if (!result.isOK()) {
                failed(CloseReason.TRANSPORT_ERROR, result.getException());
            } else {
                sendNext();
            }
        });
        try {
            if (f instanceof String text) {
                s.getAsyncRemote().sendText(text, done);
            } else {
                s.getAsyncRemote().sendBinary(ByteBuffer.wrap((byte[]) f), done);
            }
        } catch (RuntimeException e) {
            sending = false;
            failed(CloseReason.TRANSPORT_ERROR, e);
        }
    }

    @Override
    void close() {
        closed = true;
        frames.clear();
        Session s = session;
        if (s != null) {
            try {
                runtime.blocking.execute(() -> closeQuietly(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // a Manager gave its runtime back before closing its transports: a bug, but the connection (and its
                // Grizzly threads) must not outlive it
                LOG.log(System.Logger.Level.WARNING, "socket.io client: WebSocket close refused by the stopped client threads, closing on a thread of its own");
                Thread t = new Thread(() -> closeQuietly(s), "socketio-client-late-close");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void closeQuietly(Session s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
