package org.socketioee.server;

import org.junit.jupiter.api.BeforeAll;
import org.socketioee.engine.EngineOptions;

/**
 * {@link NodeSocketIoClientInteropTest} with WebSocket on the container's JSR 356 endpoint
 * ({@code socketio.websocket=endpoint}).
 */
class NodeSocketIoClientEndpointTransportTest extends NodeSocketIoClientInteropTest {
    @BeforeAll
    static void start() { // hides the superclass's: this one alone runs
        start(EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_ENDPOINT));
    }
}
