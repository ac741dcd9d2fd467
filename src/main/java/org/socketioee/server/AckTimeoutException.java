package org.socketioee.server;

import java.util.concurrent.TimeoutException;

/** An acknowledgement that did not come in time ({@code emitWithAck} with a timeout). */
public class AckTimeoutException extends TimeoutException {
    public AckTimeoutException(String message) {
        super(message);
    }
}
