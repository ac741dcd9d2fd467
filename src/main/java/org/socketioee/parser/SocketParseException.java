package org.socketioee.parser;

/** Raised for frames that are not a valid Socket.IO packet; the connection that sent them should be closed. */
public class SocketParseException extends Exception {
    public SocketParseException(String message) {
        super(message);
    }
}
