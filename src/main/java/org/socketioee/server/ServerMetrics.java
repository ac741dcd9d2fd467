package org.socketioee.server;

import org.socketioee.engine.parser.Packet;

import java.util.List;

/**
 * What the Socket.IO server tells a metrics registry, per namespace: sockets connected and disconnected (with the
 * reason), events and their bytes in and out, errors, acknowledgements that timed out. {@link #NONE} (every method
 * empty) until metrics are enabled ({@link SocketIoServer#metrics(ServerMetrics)}): the hook points then cost a call
 * the JIT removes, sizes are not computed ({@link #enabled()}), and no metrics library is loaded.
 */
public interface ServerMetrics {
    ServerMetrics NONE = new ServerMetrics() {
        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** False for {@link #NONE}: callers skip measuring sizes. */
    default boolean enabled() {
        return true;
    }

    default void connected(String namespace) {
    }

    default void disconnected(String namespace, DisconnectReason reason) {
    }

    /** An event arrived for a socket of {@code namespace}; {@code bytes}: its packet as received (text and attachments). */
    default void eventReceived(String namespace, String event, long bytes) {
    }

    /** An event was written to a socket of {@code namespace}; {@code bytes}: its encoded packet. */
    default void eventSent(String namespace, String event, long bytes) {
    }

    /** An event refused by a middleware, or whose listener failed (the socket's "error" in Node). */
    default void error(String namespace) {
    }

    /** An {@code emitWithAck} to one socket got no answer in time. */
    default void ackTimeout(String namespace) {
    }

    /** The size on the wire of the Engine.IO packets that carry one Socket.IO packet (text as UTF-8). */
    static long size(List<Packet> packets) {
        long n = 0;
        for (Packet p : packets) {
            n += p.isBinary() ? p.binary().length : utf8Length(p.text());
        }
        return n;
    }

    /** UTF-8 length of a text without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
