package org.socketioee.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An acknowledgement that did not come in time ({@code emitWithAck} with a timeout). For a broadcast, carries the
 * answers that did arrive (Node's {@code err.responses}); empty for an emit to one socket.
 */
public class AckTimeoutException extends TimeoutException {
    private final transient List<Object> responses;

    public AckTimeoutException(String message) {
        this(message, List.of());
    }

    public AckTimeoutException(String message, List<Object> responses) {
        super(message);
        this.responses = Collections.unmodifiableList(new ArrayList<>(responses)); // answers may be null
    }

    /** The first argument of each answer received before the timeout, in arrival order. */
    public List<Object> responses() {
        return responses;
    }
}
