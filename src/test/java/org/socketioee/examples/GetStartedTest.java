package org.socketioee.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.WebappTomcat;

import static org.assertj.core.api.Assertions.assertThat;

/** Both README versions of the "get started" chat, found in the WAR by the container, broadcast to everyone. */
class GetStartedTest {
    @ParameterizedTest
    @ValueSource(strings = {"/get-started", "/get-started-code"})
    void chatMessageGoesToEveryone(String nsp) throws Exception {
        try (WebappTomcat war = WebappTomcat.start();
             RawSocketIo ann = RawSocketIo.open(war.port()); RawSocketIo bob = RawSocketIo.open(war.port())) {
            assertThat(ann.connect(nsp, null)).startsWith("0" + nsp + ",{\"sid\":");
            assertThat(bob.connect(nsp, null)).startsWith("0" + nsp + ",{\"sid\":");
            ann.send("2" + nsp + ",[\"chat message\",\"hello <world>\"]");
            assertThat(ann.next()).isEqualTo("2" + nsp + ",[\"chat message\",\"hello <world>\"]");
            assertThat(bob.next()).isEqualTo("2" + nsp + ",[\"chat message\",\"hello <world>\"]");
        }
    }

    /**
     * A message far larger than Tomcat's 1 KB message buffers of web.xml, with multi-byte characters across every
     * part boundary, arrives whole and goes out whole.
     */
    @Test
    void aLargeMessageArrivesInPartsAndIsAssembled() throws Exception {
        String big = "é😀a".repeat(100_000); // 700,000 UTF-8 bytes, under maxPayload (1,000,000)
        try (WebappTomcat war = WebappTomcat.start(); RawSocketIo ann = RawSocketIo.open(war.port())) {
            var container = (jakarta.websocket.WebSocketContainer) war.context().getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(1024); // web.xml
            assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(1024);
            ann.connect("/get-started", null);
            ann.send("2/get-started,[\"chat message\",\"" + big + "\"]");
            assertThat(ann.next()).isEqualTo("2/get-started,[\"chat message\",\"" + big + "\"]");
        }
    }
}
