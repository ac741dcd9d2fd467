package org.socketioee.engine;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link NodeEngineClientInteropTest} with WebSocket on the container's JSR 356 endpoint
 * ({@code socketio.websocket=endpoint}).
 */
class NodeEngineClientEndpointTransportTest extends NodeEngineClientInteropTest {
    @BeforeAll
    static void start() { // hides the superclass's: this one alone runs
        start(EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_ENDPOINT));
    }
}
