package org.socketioee.client;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, as socket.io-client's (the {@code backo2} algorithm). Event loop only. */
final class Backoff {
    private final long min;
    private final long max;
    private final double jitter;
    private int attempts;

    Backoff(long min, long max, double jitter) {
        this.min = Math.max(0, min);
        this.max = Math.max(this.min, max);
        this.jitter = jitter;
    }

    /** The next delay in ms: min × 2^attempts, spread by ± jitter, capped at max. */
    long duration() {
        double ms = min * Math.pow(2, attempts++);
        if (jitter > 0) {
            double rand = ThreadLocalRandom.current().nextDouble();
            double deviation = Math.floor(rand * jitter * ms);
            ms = (((int) Math.floor(rand * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
        }
        return (long) Math.min(ms, max);
    }

    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
