package org.socketioee.engine;

import org.junit.jupiter.api.BeforeAll;

/** {@link NodeEngineClientInteropTest} with WebSocket on our own framing ({@code socketio.websocket=upgrade}). */
class NodeEngineClientUpgradeTransportTest extends NodeEngineClientInteropTest {
    @BeforeAll
    static void start() { // hides the superclass's: this one alone runs
        start(EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_UPGRADE));
    }
}
