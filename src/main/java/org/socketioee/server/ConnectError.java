package org.socketioee.server;

/**
 * Refuses a namespace connection from a middleware: the client gets CONNECT_ERROR {@code {"message", "data"}}
 * (its "connect_error" event, with {@code err.message} and {@code err.data}).
 */
public class ConnectError extends RuntimeException {
    private final transient Object data;

    public ConnectError(String message) {
        this(message, null);
    }

    /** @param data serialized with JSON-B; null leaves it out */
    public ConnectError(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
