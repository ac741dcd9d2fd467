package org.socketioee.engine.ws;

/** The peer broke RFC 6455 (or a limit): the connection fails with {@link #closeCode()}. */
public final class WebSocketProtocolException extends Exception {
    private final int closeCode;

    public WebSocketProtocolException(int closeCode, String message) {
        super(message, null, false, false); // thrown at hostile input: no stack trace to fill
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
