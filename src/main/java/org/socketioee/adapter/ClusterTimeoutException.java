package org.socketioee.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A request to the other nodes of a cluster (fetchSockets, allRooms, serverSideEmit with acknowledgements) that
 * not every node answered in time, with the answers that did arrive (Node's {@code err.responses}).
 */
public class ClusterTimeoutException extends TimeoutException {
    private final transient List<Object> responses;

    public ClusterTimeoutException(String message, List<Object> responses) {
        super(message);
        this.responses = Collections.unmodifiableList(new ArrayList<>(responses)); // answers may be null
    }

    /** The answers received before the timeout, in arrival order. */
    public List<Object> responses() {
        return responses;
    }
}
