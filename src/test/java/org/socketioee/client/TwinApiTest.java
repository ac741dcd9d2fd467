package org.socketioee.client;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.parser.CloseReason;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The client and the server offer the same shapes where they are twins (socket.io-client and the Node server). */
class TwinApiTest {
    /** Public instance methods as "name(params) → return", each class named without its package. */
    static Set<String> shape(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(TwinApiTest::signature).collect(Collectors.toCollection(TreeSet::new));
    }

    static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")")) + " → " + m.getReturnType().getSimpleName();
    }

    @Test
    void eventsAndAcknowledgementsHaveOneShape() {
        assertThat(shape(Event.class)).isEqualTo(shape(org.socketioee.server.Event.class))
                .contains("acknowledgement() → Ack", "hasAck() → boolean", "ack(Object[]) → void");
        assertThat(shape(Ack.class)).isEqualTo(shape(org.socketioee.server.Ack.class));
        assertThat(Ack.NONE.requested()).isFalse();
        assertThat(org.socketioee.server.Ack.NONE.requested()).isFalse();
    }

    @Test
    void onAnyTakesAnEventListenerAndEmitReturnsTheSocketOnBothSides() throws Exception {
        for (String name : new String[] {"onAny", "offAny", "onAnyOutgoing", "offAnyOutgoing"}) {
            assertThat(Socket.class.getMethod(name, EventListener.class).getReturnType()).isEqualTo(Socket.class);
            assertThat(org.socketioee.server.Socket.class.getMethod(name, org.socketioee.server.EventListener.class)
                    .getReturnType()).isEqualTo(org.socketioee.server.Socket.class);
        }
        assertThat(Emitter.class.getMethod("emit", String.class, Object[].class).getReturnType())
                .isEqualTo(Socket.class);
        assertThat(org.socketioee.server.Emitter.class.getMethod("emit", String.class, Object[].class)
                .getReturnType()).isEqualTo(org.socketioee.server.Socket.class);
    }

    @Test
    void disconnectReasonsHaveTheirTextOnBothSides() {
        assertThat(DisconnectReason.IO_SERVER_DISCONNECT.text()).isEqualTo("io server disconnect");
        assertThat(org.socketioee.server.DisconnectReason.SERVER_NAMESPACE_DISCONNECT.text())
                .isEqualTo("server namespace disconnect");
        for (DisconnectReason r : DisconnectReason.values()) {
            assertThat(r).hasToString(r.text());
        }
        // the engine's close reasons, which the client's connection reports too, map onto the client's reasons
        for (CloseReason c : CloseReason.values()) {
            DisconnectReason r = DisconnectReason.of(c);
            assertThat(r.text()).isEqualTo(c == CloseReason.FORCED_CLOSE ? "io client disconnect" : c.text());
        }
    }
}
