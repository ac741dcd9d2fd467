package org.socketioee.parser;

/**
 * A received argument that JSON-B cannot bind to the type a listener asked for: the sender's mistake, not the
 * server's, so it is answered (an error acknowledgement) and logged in one line, never with a stack trace.
 */
public class BindingException extends IllegalArgumentException {
    public BindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
