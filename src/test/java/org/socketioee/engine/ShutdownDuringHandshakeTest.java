package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.testing.LogCapture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session is registered (so that its id is taken) a moment before its first transport is attached. A shutdown
 * in that moment (an undeploy while a client connects; once seen as a NullPointerException in a test's tear-down)
 * closes a session that has no transport yet: that must neither throw nor, when the handshake then goes on, open
 * the session, log it or tell the application about it. And a handshake that fails before its transport is attached
 * must not leave the registered session behind.
 */
class ShutdownDuringHandshakeTest {
    @Test
    void aSessionClosedBeforeItOpenedStaysClosedAndUntold() {
        EngineServer server = new EngineServer(EngineOptions.defaults());
        List<EngineSession> told = new ArrayList<>();
        server.onConnection(told::add);
        Handshake h = new Handshake(Map.of("EIO", List.of("4"), "transport", List.of("polling")), Map.of(),
                "127.0.0.1", "/socket.io/?EIO=4&transport=polling", false, Instant.now());
        try (LogCapture log = new LogCapture(EngineSession.class)) {
            EngineSession s = new EngineSession("early", server, h);
            assertThat(s.transportName()).isNull(); // what admin's server stats read of every registered session
            s.onClose(CloseReason.FORCED_CLOSE); // what shutdown does to every registered session

            s.open(new PollingTransport(s), server.connectionListener()); // the handshake goes on

            assertThat(s.isOpen()).isFalse();
            assertThat(s.closeReason()).isEqualTo(CloseReason.FORCED_CLOSE);
            assertThat(s.sendPacket(org.socketioee.engine.parser.Packet.message("late"))).isFalse();
            assertThat(told).isEmpty();
            assertThat(log.lines).isEmpty();
        } finally {
            server.shutdown();
        }
    }

    @Test
    void aHandshakeThatFailsBeforeItsTransportIsAttachedLeavesNoSessionBehind() {
        EngineServer server = new EngineServer(EngineOptions.defaults());
        Handshake h = new Handshake(Map.of("EIO", List.of("4"), "transport", List.of("websocket")), Map.of(),
                "127.0.0.1", "/socket.io/?EIO=4&transport=websocket", false, Instant.now());
        List<String> ids = new ArrayList<>();
        try {
            assertThatThrownBy(() -> server.openWebSocket(h, s -> {
                ids.add(s.id());
                assertThat(server.session(s.id())).isSameAs(s); // registered by now
                throw new IllegalStateException("the container refused the upgrade");
            })).hasMessage("the container refused the upgrade");
            assertThat(ids).hasSize(1);
            assertThat(server.session(ids.get(0))).isNull();
        } finally {
            server.shutdown();
        }
    }
}
