package org.socketioee.engine;

/**
 * Handshake and request errors, with the codes and messages of Node's engine.io server, answered as
 * {@code {"code":N,"message":"..."}} with status 400 (403 for {@link #FORBIDDEN}).
 */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    private final int code;
    private final String message;

    EngineError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return this == FORBIDDEN ? 403 : 400;
    }

    public String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
