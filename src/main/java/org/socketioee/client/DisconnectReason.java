package org.socketioee.client;

/** Why a socket disconnected, with socket.io-client's strings ({@link #toString()}). */
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

    /** Whether the manager reconnects by itself (every reason but the two deliberate disconnections). */
    public boolean willReconnect() {
        return this != IO_SERVER_DISCONNECT && this != IO_CLIENT_DISCONNECT;
    }

    static DisconnectReason of(String engineReason) {
        for (DisconnectReason r : values()) {
            if (r.text.equals(engineReason)) {
                return r;
            }
        }
        return engineReason.equals("forced close") ? IO_CLIENT_DISCONNECT : TRANSPORT_ERROR;
    }

    @Override
    public String toString() {
        return text;
    }
}
