package org.socketioee.adapter;

import java.time.Duration;

/**
 * Connection state recovery (socket.io 4.6+): how long a disconnected socket's state and missed events are kept,
 * whether middlewares are skipped for a recovered socket, and the bound of the stored event log.
 */
public record RecoveryOptions(Duration maxDisconnectionDuration, boolean skipMiddlewares, int maxStoredPackets) {
    public RecoveryOptions {
        if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero() || maxStoredPackets <= 0) {
            throw new IllegalArgumentException("recovery window and store size must be positive");
        }
    }

    /** Node's defaults: 2 minutes, middlewares skipped; at most 100,000 stored events. */
    public static RecoveryOptions defaults() {
        return new RecoveryOptions(Duration.ofMinutes(2), true, 100_000);
    }
}
