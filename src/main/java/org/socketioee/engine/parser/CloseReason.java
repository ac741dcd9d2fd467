package org.socketioee.engine.parser;

/** Why a session closed, named as Node's engine.io names it (the Socket.IO layer passes these on). */
public enum CloseReason {
    /** The client closed the connection, or sent a close packet. */
    TRANSPORT_CLOSE("transport close"),
    /** No pong within pingTimeout after a ping. */
    PING_TIMEOUT("ping timeout"),
    /** The transport failed: network error, protocol violation, message too big, send buffer full. */
    TRANSPORT_ERROR("transport error"),
    /** The server closed the session. */
    FORCED_CLOSE("forced close"),
    /** The client sent something that is not an Engine.IO packet. */
    PARSE_ERROR("parse error");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
