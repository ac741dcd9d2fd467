package org.socketioee.client;

import java.util.concurrent.TimeoutException;

/** The server did not acknowledge in time ({@code timeout(d).emitWithAck}). */
public class AckTimeoutException extends TimeoutException {
    public AckTimeoutException(String message) {
        super(message);
    }
}
