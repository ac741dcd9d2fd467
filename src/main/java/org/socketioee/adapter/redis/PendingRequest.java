package org.socketioee.adapter.redis;

import org.socketioee.adapter.ClusterTimeoutException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A request to the other nodes waiting for their responses, as the Node adapter counts them: {@code expected}
 * answers (for fetchSockets and allRooms this node's own part counts as the first one), then complete; at the
 * requests timeout, fail with what arrived.
 */
final class PendingRequest {
    private final RequestType type;
    private final boolean countsInMessage;
    private final int expected;
    private final List<Object> items;
    private int received;
    private final CompletableFuture<List<Object>> result = new CompletableFuture<>();
    private ScheduledFuture<?> timer;

    /**
     * @param received answers already counted (1 when this node's own part is in {@code initial})
     */
    PendingRequest(RequestType type, int expected, int received, List<?> initial) {
        this(type, expected, received, initial, false);
    }

    /**
     * @param countsInMessage the timeout's message is socket.io-adapter's ClusterAdapter's for every type ("only N
     *                        responses received out of M"), as the sharded adapter's nodes word it
     */
    PendingRequest(RequestType type, int expected, int received, List<?> initial, boolean countsInMessage) {
        this.countsInMessage = countsInMessage;
        this.type = type;
        this.expected = expected;
        this.received = received;
        this.items = new ArrayList<>(initial);
    }

    RequestType type() {
        return type;
    }

    CompletableFuture<List<Object>> result() {
        return result;
    }

    synchronized void timer(ScheduledFuture<?> t) {
        timer = t;
        if (result.isDone()) {
            t.cancel(false);
        }
    }

    /** One node's answer ({@code values} added to the result); true when it was the last one expected. */
    synchronized boolean answer(List<?> values) {
        received++;
        items.addAll(values);
        if (received >= expected) {
            if (timer != null) {
                timer.cancel(false);
            }
            return result.complete(java.util.Collections.unmodifiableList(new ArrayList<>(items))); // answers may be null
        }
        return false;
    }

    /** The requests timeout: fails with Node's message and the answers so far. */
    synchronized void timeout() {
        String message = countsInMessage ? "timeout reached: only " + received + " responses received out of " + expected
                : switch (type) {
            case REMOTE_FETCH -> "timeout reached while waiting for fetchSockets response";
            case ALL_ROOMS -> "timeout reached while waiting for allRooms response";
            case SOCKETS -> "timeout reached while waiting for sockets response";
            default -> "timeout reached: only " + received + " responses received out of " + expected;
        };
        result.completeExceptionally(new ClusterTimeoutException(message, items));
    }
}
