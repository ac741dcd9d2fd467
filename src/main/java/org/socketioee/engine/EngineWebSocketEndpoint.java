package org.socketioee.engine;

import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.socketioee.engine.parser.CloseReason;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The WebSocket transport's endpoint: one instance per connection, one Engine.IO packet per frame.
 * <p>
 * Frames arrive as parts ({@code boolean last}) and are assembled here, up to {@code maxPayload}, before the
 * decoders turn them into packets. Whole-message delivery would make the container keep a buffer of
 * {@code maxPayload} per connection for its lifetime (2 MB of chars for the default 1 MB); with parts it keeps
 * only its small default buffer, and a large message costs memory only while it arrives.
 * <p>
 * Portable: nothing here depends on a particular container. In Tomcat the servlet upgrades to this class with the
 * path from the options; a standalone WebSocket server (Tyrus) deploys it by its annotation.
 */
// No decoders declared: the parts are assembled here and decoded by the two fields below. Declared, a text and a
// binary decoder of one type (Packet) are refused by Jetty ("Multiple decoders with different interface types").
@ServerEndpoint(value = "/socket.io/", encoders = PacketEncoder.class,
        configurator = EngineEndpointConfigurator.class)
public class EngineWebSocketEndpoint {
    private static final System.Logger LOG = System.getLogger(EngineWebSocketEndpoint.class.getName());

    private final EngineServer engine;
    private final TextPacketDecoder textDecoder = new TextPacketDecoder();
    private final BinaryPacketDecoder binaryDecoder = new BinaryPacketDecoder();
    private EndpointWebSocketTransport transport;
    private Session ws;
    private StringBuilder textParts;
    private long textPartsBytes; // UTF-8 size of textParts: maxPayload counts bytes, as Node's ws does
    private java.io.ByteArrayOutputStream binaryParts;

    public EngineWebSocketEndpoint() {
        this(EngineServer.standalone());
    }

    EngineWebSocketEndpoint(EngineServer engine) {
        this.engine = engine;
    }

    @OnOpen
    public void onOpen(Session session, EndpointConfig config) {
        this.ws = session;
        Map<String, Object> props = config.getUserProperties();
        Handshake handshake = (Handshake) props.get(EngineEndpointConfigurator.HANDSHAKE);
        if (!Boolean.TRUE.equals(props.get(EngineEndpointConfigurator.VERIFIED))) {
            // deployed by a standalone WebSocket server: no servlet gate ran before us
            handshake = withRemoteAddress(handshake, session);
            EngineError err = engine.verify("GET", handshake.query(), handshake.header("origin"),
                    handshake.secure() ? "https" : "http", handshake.header("host"), true);
            if (err != null) {
                close(CloseCodes.CANNOT_ACCEPT, err.message());
                return;
            }
        }
        transport = engine.openWebSocket(handshake, s -> new EndpointWebSocketTransport(s, session));
        if (transport == null) {
            close(CloseCodes.NORMAL_CLOSURE, "");
        }
    }

    @OnMessage
    public void onText(String part, boolean last) {
        if (transport == null) {
            return;
        }
        if (textParts == null && last) {
            deliver(part); // the common case: a whole message in one part, no copy
            return;
        }
        if (textParts == null) {
            textParts = new StringBuilder(part.length() * 2);
            textPartsBytes = 0;
        }
        textParts.append(part);
        textPartsBytes += utf8Length(part);
        if (textPartsBytes > engine.options().maxPayload()) {
            tooBig();
            return;
        }
        if (last) {
            String whole = textParts.toString();
            textParts = null;
            deliver(whole);
        }
    }

    /** The UTF-8 size of {@code s}; a surrogate counts 2, so a pair counts 4 even when split between parts. */
    static long utf8Length(CharSequence s) {
        long n = s.length();
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    @OnMessage
    public void onBinary(ByteBuffer part, boolean last) {
        if (transport == null) {
            return;
        }
        if (binaryParts == null && last) {
            if (part.remaining() > engine.options().maxPayload()) {
                tooBig();
            } else {
                transport.onPacket(binaryDecoder.decode(part));
            }
            return;
        }
        if (binaryParts == null) {
            binaryParts = new java.io.ByteArrayOutputStream();
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        binaryParts.writeBytes(chunk);
        if (binaryParts.size() > engine.options().maxPayload()) {
            tooBig();
            return;
        }
        if (last) {
            byte[] whole = binaryParts.toByteArray();
            binaryParts = null;
            transport.onPacket(binaryDecoder.decode(ByteBuffer.wrap(whole)));
        }
    }

    private void deliver(String frame) {
        int max = engine.options().maxPayload();
        if (frame.length() > max || (frame.length() > max / 3 && utf8Length(frame) > max)) {
            tooBig();
            return;
        }
        try {
            transport.onPacket(textDecoder.decode(frame));
        } catch (DecodeException e) {
            LOG.log(Level.WARNING, "engine.io session {0}: parse error: {1}", transport.session.id(), e.getMessage());
            transport.onClosed(CloseReason.PARSE_ERROR);
        }
    }

    private void tooBig() {
        textParts = null;
        binaryParts = null;
        LOG.log(Level.WARNING, "engine.io session {0}: message larger than maxPayload ({1} bytes)",
                transport.session.id(), engine.options().maxPayload());
        EndpointWebSocketTransport t = transport;
        transport = null;
        t.closeSocket(CloseCodes.TOO_BIG, "maxPayload exceeded");
        t.onClosed(CloseReason.TRANSPORT_ERROR);
    }

    @OnError
    public void onError(Session session, Throwable error) {
        if (transport == null) {
            return;
        }
        LOG.log(Level.DEBUG, "engine.io session {0}: websocket error: {1}", transport.session.id(), error.toString());
        transport.onClosed(CloseReason.TRANSPORT_ERROR);
    }

    @OnClose
    public void onClose(Session session, jakarta.websocket.CloseReason reason) {
        EndpointWebSocketTransport t = transport;
        transport = null;
        if (t != null) {
            t.onClosed(reason.getCloseCode() == CloseCodes.TOO_BIG ? CloseReason.TRANSPORT_ERROR
                    : CloseReason.TRANSPORT_CLOSE);
        }
    }

    private void close(CloseCodes code, String phrase) {
        try {
            ws.close(new jakarta.websocket.CloseReason(code, phrase));
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** The remote address is not in the standard API; Tyrus offers it on its session class. */
    private static Handshake withRemoteAddress(Handshake h, Session session) {
        String addr = "unknown";
        try {
            Object v = session.getClass().getMethod("getRemoteAddr").invoke(session);
            if (v != null) {
                addr = v.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not offered by this container
        }
        return new Handshake(h.query(), h.headers(), addr, h.url(), h.secure(), h.time());
    }
}
