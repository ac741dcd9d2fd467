package org.socketioee.client;

/**
 * Why a namespace connection failed ({@code connect_error}): refused by the server (a middleware's
 * {@code message} and {@code data}, e.g. {@code "unauthorized"} and {@code {code=401}}), or the Engine.IO
 * connection could not be made (then {@link #data()} is null and {@link #getCause()} tells why).
 */
public class ConnectError extends Exception {
    private final transient Object data;
    private final boolean fromServer;

    public ConnectError(String message, Object data, boolean fromServer, Throwable cause) {
        super(message, cause);
        this.data = data;
        this.fromServer = fromServer;
    }

    /** The {@code data} of the server's CONNECT_ERROR as plain Java values (Map, List, String, Number…), or null. */
    public Object data() {
        return data;
    }

    /** Whether the server refused (CONNECT_ERROR), as opposed to a connection failure. */
    public boolean fromServer() {
        return fromServer;
    }
}
