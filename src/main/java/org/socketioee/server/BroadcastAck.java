package org.socketioee.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The answers to one broadcast with an acknowledgement, counted as Node's {@code BroadcastOperator.emit} counts
 * them: complete once every server of the cluster has told how many of its clients were sent the packet and that
 * many answers arrived. On timeout, fails with the answers received so far and stops the local sockets waiting.
 */
final class BroadcastAck {
    private final Namespace nsp;
    private final long ackId;
    private final CompletableFuture<List<Object>> result = new CompletableFuture<>();
    private final List<Object> responses = new ArrayList<>();
    private int expectedServers = -1; // unknown until the adapter's serverCount answers
    private int reportedServers;
    private int expectedClients;
    private ScheduledFuture<?> timer;

    BroadcastAck(Namespace nsp, long ackId, Duration timeout) {
        this.nsp = nsp;
        this.ackId = ackId;
        if (timeout != null) {
            timer = nsp.server().scheduler().schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        result.whenComplete((r, e) -> {
            synchronized (this) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        });
    }

    CompletableFuture<List<Object>> result() {
        return result;
    }

    /** One server's number of targeted clients (once per server). */
    synchronized void clientCount(int count) {
        expectedClients += count;
        reportedServers++;
        check();
    }

    /** One client's answer (its first argument). */
    synchronized void response(Object firstArgument) {
        responses.add(firstArgument);
        check();
    }

    synchronized void serverCount(int servers) {
        expectedServers = servers;
        check();
    }

    /** The cluster could not be asked how many servers there are: fails at once, the sockets stop waiting. */
    void fail(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (result.completeExceptionally(cause)) {
            nsp.forgetAck(ackId);
        }
    }

    private void check() {
        if (expectedServers == reportedServers && responses.size() == expectedClients) {
            result.complete(Collections.unmodifiableList(new ArrayList<>(responses)));
        }
    }

    private void timedOut() {
        List<Object> received;
        synchronized (this) {
            received = new ArrayList<>(responses);
        }
        if (result.completeExceptionally(new AckTimeoutException("operation has timed out", received))) {
            nsp.forgetAck(ackId); // sockets that never answered stop waiting
        }
    }
}
