package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.AdapterSocket;
import org.socketioee.engine.EngineSession;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter SPI and the engine's plumbing stay off what an application touches. */
class PublicApiTest {
    static List<String> publicMethods(Class<?> c) {
        return Arrays.stream(c.getMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).toList();
    }

    @Test
    void socketDoesNotExposeTheAdapterSpi() {
        assertThat(AdapterSocket.class.isAssignableFrom(Socket.class)).isFalse();
        assertThat(publicMethods(Socket.class))
                .doesNotContain("write", "expectAck", "joinRooms", "leaveRooms", "disconnectFromAdapter", "details",
                        "forgetAck", "adapterView");
    }

    @Test
    void namespaceDoesNotExposeTheAdapterSpi() {
        assertThat(AdapterNamespace.class.isAssignableFrom(Namespace.class)).isFalse();
        assertThat(publicMethods(Namespace.class)).doesNotContain("socket", "nextAckId", "onRemoteServerSideEmit")
                .containsOnlyOnce("onServerSideEmit");
    }

    @Test
    void engineSessionsCarryNoSlotForTheLayerAbove() {
        assertThat(publicMethods(EngineSession.class)).doesNotContain("attach", "attachment");
    }
}
