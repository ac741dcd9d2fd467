package org.socketioee.server;

import org.junit.jupiter.api.BeforeAll;
import org.socketioee.engine.EngineOptions;

/** {@link NodeSocketIoClientInteropTest} with WebSocket on our own framing ({@code socketio.websocket=upgrade}). */
class NodeSocketIoClientUpgradeTransportTest extends NodeSocketIoClientInteropTest {
    @BeforeAll
    static void start() { // hides the superclass's: this one alone runs
        start(EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_UPGRADE));
    }
}
