package org.socketioee.parser;

/** The seven Socket.IO v5 packet types; the code is the digit that starts a packet on the wire. */
public enum SocketPacketType {
    CONNECT(0), DISCONNECT(1), EVENT(2), ACK(3), CONNECT_ERROR(4), BINARY_EVENT(5), BINARY_ACK(6);

    private static final SocketPacketType[] BY_CODE = values();

    private final int code;

    SocketPacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public char digit() {
        return (char) ('0' + code);
    }

    /** Whether binary attachments follow the text frame (and the frame carries their count). */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /** The type for a wire digit, or null when the character is not one. */
    public static SocketPacketType fromDigit(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
    }
}
