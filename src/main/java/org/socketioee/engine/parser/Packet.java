package org.socketioee.engine.parser;

import java.util.Base64;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and an optional payload, text or binary.
 * <p>
 * Immutable, and its wire form is computed once at construction: a broadcast builds one packet and every target
 * writes the same string (WebSocket text frame, polling payload part) or the same bytes (WebSocket binary frame).
 */
public final class Packet {
    public static final Packet PING = new Packet(PacketType.PING, null);
    public static final Packet PONG = new Packet(PacketType.PONG, null);
    public static final Packet PROBE_PONG = new Packet(PacketType.PONG, "probe");
    public static final Packet NOOP = new Packet(PacketType.NOOP, null);
    public static final Packet CLOSE = new Packet(PacketType.CLOSE, null);
    public static final Packet UPGRADE = new Packet(PacketType.UPGRADE, null);

    private final PacketType type;
    private final String text;
    private final byte[] binary;
    private final String wire;
    /**
     * This packet as a WebSocket frame, made by the first upgraded connection that writes it (server frames are
     * unmasked: the same bytes suit every connection), so a broadcast's frame is encoded once.
     */
    private volatile byte[] webSocketFrame;
    /** {@link #size()}, once computed (0: not yet; a race computes it twice, the same value). */
    private int size;

    private Packet(PacketType type, String text, byte[] binary) {
        this.type = Objects.requireNonNull(type);
        this.text = text;
        this.binary = binary;
        this.wire = binary != null ? null : text == null ? String.valueOf(type.code()) : type.code() + text;
    }

    /** The cached WebSocket frame of this packet, or null before a server's upgraded connection made it. */
    public byte[] webSocketFrame() {
        return webSocketFrame;
    }

    /** Caches this packet's WebSocket frame (the server's upgrade transport, in another package, makes it). */
    public void webSocketFrame(byte[] frame) {
        webSocketFrame = frame;
    }

    /** A packet with a text payload (or none, when {@code text} is null). */
    public Packet(PacketType type, String text) {
        this(type, text, null);
    }

    public static Packet message(String text) {
        return new Packet(PacketType.MESSAGE, Objects.requireNonNull(text), null);
    }

    /** A binary message. The array is not copied: callers hand it over and must not change it afterwards. */
    public static Packet message(byte[] binary) {
        return new Packet(PacketType.MESSAGE, null, Objects.requireNonNull(binary));
    }

    public PacketType type() {
        return type;
    }

    /** The text payload, or null for a binary packet or a packet without payload. */
    public String text() {
        return text;
    }

    /** The binary payload, or null for a text packet. Not a copy: do not modify. */
    public byte[] binary() {
        return binary;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The packet as one WebSocket text frame ({@code <type>[<data>]}); null for binary packets. */
    public String wire() {
        return wire;
    }

    /**
     * Bytes this packet takes as sent: the binary payload, or the wire text in UTF-8. What a session's outgoing queue
     * is bounded by ({@code EngineOptions.maxBufferedBytes()}); computed once, so a broadcast counts it once.
     */
    public int size() {
        int n = size;
        if (n == 0) {
            n = binary != null ? binary.length : utf8Length(wire);
            size = n;
        }
        return n;
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, else 3; a surrogate pair (4 bytes) counts 3 + 1 over its two chars
                n += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    /** The packet inside a polling payload: binary travels as {@code b<base64>}. */
    public String pollingForm() {
        return binary != null ? "b" + Base64.getEncoder().encodeToString(binary) : wire;
    }

    @Override
    public String toString() {
        return binary != null ? "Packet[" + type + ", " + binary.length + " bytes]" : "Packet[" + wire + "]";
    }
}
