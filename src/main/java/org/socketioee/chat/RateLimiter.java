package org.socketioee.chat;

/** A token bucket: {@code burst} actions at once, refilled at {@code perSecond}. One per connection. */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
