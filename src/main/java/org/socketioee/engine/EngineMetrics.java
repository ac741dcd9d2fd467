package org.socketioee.engine;

import org.socketioee.engine.parser.CloseReason;

/**
 * What the Engine.IO server tells a metrics registry: sessions opened and closed per transport, upgrades, send-queue
 * overflows. {@link #NONE} (every method empty) until metrics are enabled, so the hook points cost a call that the
 * JIT removes, and no metrics library is loaded.
 */
public interface EngineMetrics {
    EngineMetrics NONE = new EngineMetrics() { };

    /** A session was opened on {@code transport} ("polling" or "websocket"). */
    default void opened(String transport) {
    }

    /** A session moved from polling to {@code transport} ("websocket"). */
    default void upgraded(String from, String to) {
    }

    /** A session ended on {@code transport}, for {@code reason}. */
    default void closed(String transport, CloseReason reason) {
    }

    /** A session's send queue was full: the client did not keep up, and the session is closed. */
    default void sendQueueOverflow() {
    }
}
