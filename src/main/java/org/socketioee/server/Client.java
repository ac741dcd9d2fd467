package org.socketioee.server;

import jakarta.json.JsonObject;
import org.socketioee.adapter.EncodedFrames;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.EngineSession;
import org.socketioee.engine.SessionListener;
import org.socketioee.parser.PacketDecoder;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;
import org.socketioee.parser.SocketPacketType;
import org.socketioee.parser.SocketParseException;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO connection seen by Socket.IO (Node's {@code Client}): where Socket.IO packets enter. It decodes
 * the session's messages and routes each packet to the socket of its namespace, or to the namespace for a
 * CONNECT; several namespaces share the connection.
 */
final class Client implements SessionListener {
    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    private final SocketIoServer server;
    private final EngineSession session;
    private final PacketDecoder decoder;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>(); // by namespace name
    // null once a namespace is joined: the cancelled task is then no longer kept for the connection's life
    private volatile ScheduledFuture<?> connectTimer;
    private long receivedBytes; // of the packet being decoded (its text and attachments so far), for the metrics

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.decoder = new PacketDecoder(server.options().maxAttachments());
        server.addClient(this);
        session.setListener(this);
        this.connectTimer = server.scheduler().schedule(this::onConnectTimeout,
                server.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    EngineSession session() {
        return session;
    }

    @Override
    public void onMessage(EngineSession s, String text) {
        if (!server.connectionObservers().isEmpty()) {
            observePacket(false, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        SocketPacket packet;
        long bytes = 0;
        synchronized (decoder) {
            try {
                packet = decoder.decode(text);
            } catch (SocketParseException e) {
                onParseError(e);
                return;
            }
            if (server.metrics().enabled()) {
                bytes = received(ServerMetrics.utf8Length(text), packet != null);
            }
        }
        if (packet != null) {
            route(packet, bytes);
        }
    }

    @Override
    public void onBinary(EngineSession s, byte[] data) {
        if (!server.connectionObservers().isEmpty()) {
            observePacket(false, data.length);
        }
        SocketPacket packet;
        long bytes = 0;
        synchronized (decoder) {
            try {
                packet = decoder.decode(data);
            } catch (SocketParseException e) {
                onParseError(e);
                return;
            }
            if (server.metrics().enabled()) {
                bytes = received(data.length, packet != null);
            }
        }
        if (packet != null) {
            route(packet, bytes);
        }
    }

    /** Adds a frame's size to the packet being decoded; once it is complete, its total (and starts again). */
    private long received(long frameBytes, boolean complete) {
        receivedBytes += frameBytes;
        long total = receivedBytes;
        if (complete) {
            receivedBytes = 0;
        }
        return total;
    }

    private void onParseError(SocketParseException e) {
        LOG.log(Level.WARNING, "socket.io connection {0} ({1}): invalid packet, closing: {2}", session.id(),
                session.handshake().remoteAddress(), e.getMessage());
        session.close();
    }

    private void route(SocketPacket packet, long bytes) {
        if (packet.type() == SocketPacketType.CONNECT) {
            connect(packet);
            return;
        }
        Socket socket = sockets.get(packet.namespace());
        if (socket != null) {
            if (packet.isEvent()) {
                server.metrics().eventReceived(packet.namespace(), packet.eventName(), bytes);
            }
            socket.onPacket(packet);
        } else {
            LOG.log(Level.DEBUG, "no socket for namespace {0}: packet ignored", packet.namespace());
        }
    }

    private void connect(SocketPacket packet) {
        String name = packet.namespace();
        if (sockets.containsKey(name)) {
            LOG.log(Level.DEBUG, "connection {0} already joined {1}", session.id(), name);
            return;
        }
        Namespace nsp = server.namespaceFor(name);
        if (nsp == null) {
            write(EncodedFrames.encode(PacketFactory.connectError(name, "Invalid namespace", null)), false);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = packet.data() instanceof JsonObject ? (Map<String, Object>) packet.dataAsJava() : Map.of();
        nsp.add(this, auth);
    }

    private void stopConnectTimer() {
        ScheduledFuture<?> t = connectTimer;
        if (t != null) {
            connectTimer = null;
            t.cancel(false);
        }
    }

    private void onConnectTimeout() {
        if (sockets.isEmpty() && session.isOpen()) {
            LOG.log(Level.INFO, "socket.io connection {0} ({1}) joined no namespace in time, closing", session.id(),
                    session.handshake().remoteAddress());
            session.close();
        }
    }

    void add(Namespace nsp, Socket socket) {
        sockets.put(nsp.name(), socket);
        stopConnectTimer();
    }

    void remove(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    /**
     * Writes frames encoded once; a volatile packet is dropped when the transport cannot take it now. False when
     * the packet was not queued (dropped, or the session is closed).
     */
    boolean write(EncodedFrames frames, boolean volatileFlag) {
        if (volatileFlag && !session.isWritable()) {
            return false;
        }
        boolean queued = session.sendPackets(frames.packets());
        if (queued && !server.connectionObservers().isEmpty()) {
            for (var p : frames.packets()) {
                observePacket(true, p.size()); // computed once per packet, shared by a broadcast
            }
        }
        return queued;
    }

    /** Tells the connection observers of a message packet in or out. */
    private void observePacket(boolean out, int bytes) {
        for (ConnectionObserver o : server.connectionObservers()) {
            if (out) {
                o.onPacketCreate(session, bytes);
            } else {
                o.onPacket(session, bytes);
            }
        }
    }

    /** Server-side {@code disconnect(true)}: every namespace gets its DISCONNECT, then the connection closes. */
    void disconnectAll() {
        for (Socket s : List.copyOf(sockets.values())) {
            s.disconnect(false);
        }
        session.close();
    }

    @Override
    public void onClose(EngineSession s, CloseReason reason) {
        stopConnectTimer();
        server.removeClient(this);
        DisconnectReason r = DisconnectReason.of(reason);
        for (Socket socket : List.copyOf(sockets.values())) {
            socket.onClose(r);
        }
        sockets.clear();
        for (ConnectionObserver o : server.connectionObservers()) {
            o.onClose(session, r);
        }
    }

    /** For shutdown: closes the sockets with the given reason, then the connection. */
    void close(DisconnectReason reason) {
        for (Socket socket : List.copyOf(sockets.values())) {
            socket.onClose(reason);
        }
        session.close();
    }
}
