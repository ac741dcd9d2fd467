package org.socketioee.server;

import org.socketioee.engine.parser.CloseReason;

/** Why a socket disconnected, named as the Node server names it (its "disconnect" event's reason). */
public enum DisconnectReason {
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    SERVER_SHUTTING_DOWN("server shutting down"),
    PING_TIMEOUT("ping timeout"),
    TRANSPORT_CLOSE("transport close"),
    TRANSPORT_ERROR("transport error"),
    PARSE_ERROR("parse error"),
    FORCED_CLOSE("forced close"),
    FORCED_SERVER_CLOSE("forced server close");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Reasons after which connection state recovery keeps the socket's state (Node's list). */
    public boolean recoverable() {
        return switch (this) {
            case TRANSPORT_ERROR, TRANSPORT_CLOSE, FORCED_CLOSE, PING_TIMEOUT, SERVER_SHUTTING_DOWN,
                 FORCED_SERVER_CLOSE -> true;
            default -> false;
        };
    }

    static DisconnectReason of(CloseReason engineReason) {
        return switch (engineReason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case PARSE_ERROR -> PARSE_ERROR;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
