package org.socketioee.client;

import org.socketioee.engine.parser.CloseReason;

/**
 * Why a socket disconnected, with socket.io-client's strings ({@link #text()}, also {@link #toString()}). The
 * server's {@code org.socketioee.server.DisconnectReason} has the same shape, with the server's reasons.
 */
public enum DisconnectReason {
    /** The server disconnected the socket ({@code socket.disconnect()}): no reconnection. */
    IO_SERVER_DISCONNECT("io server disconnect"),
    /** {@link Socket#disconnect()}: no reconnection. */
    IO_CLIENT_DISCONNECT("io client disconnect"),
    PING_TIMEOUT("ping timeout"),
    TRANSPORT_CLOSE("transport close"),
    TRANSPORT_ERROR("transport error"),
    PARSE_ERROR("parse error");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether the manager reconnects by itself (every reason but the two deliberate disconnections). */
    public boolean willReconnect() {
        return this != IO_SERVER_DISCONNECT && this != IO_CLIENT_DISCONNECT;
    }

    /** The socket's reason when its Engine.IO connection closed ("forced close": this side closed it). */
    static DisconnectReason of(CloseReason engineReason) {
        return switch (engineReason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PARSE_ERROR -> PARSE_ERROR;
            case FORCED_CLOSE -> IO_CLIENT_DISCONNECT;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
