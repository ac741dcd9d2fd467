package org.socketioee.examples;

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
}
