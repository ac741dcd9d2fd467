package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.WebappTomcat;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotationTest {
    @Test
    void argumentsAreBoundWithJsonbAndReturnValuesAck() throws Exception {
        SocketIoServer[] io = new SocketIoServer[1];
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io[0] = SocketIoServer.attach(engine);
            AnnotatedHandlers.install(io[0], AnnotatedChat.class);
        }); RawSocketIo c = RawSocketIo.open(server.port())) {
            String connect = c.connect("/annotated", null);
            assertThat(c.next()).isEqualTo("2/annotated,[\"hello\",\"/annotated\"]");

            // a record with a list and a binary field, bound from JSON + attachment; the record returned is the ack
            c.send("51-/annotated,1[\"post\",{\"user\":\"ann\",\"text\":\"hi <b>\",\"tags\":[\"a\",\"b\"],"
                    + "\"attachment\":{\"_placeholder\":true,\"num\":0}}]");
            c.sendBinary(new byte[] {7, 7, 7});
            assertThat(c.next()).isEqualTo("61-/annotated,1[{\"attachment\":{\"_placeholder\":true,\"num\":0},"
                    + "\"tags\":[\"a\",\"b\"],\"text\":\"hi <b>\",\"user\":\"ANN\"}]");
            assertThat(c.nextBinary()).containsExactly(3);

            c.send("2/annotated,2[\"sum\",[1,2,3]]");
            assertThat(c.next()).isEqualTo("3/annotated,2[6]");

            c.send("51-/annotated,3[\"size\",{\"_placeholder\":true,\"num\":0}]");
            c.sendBinary(new byte[10]);
            assertThat(c.next()).isEqualTo("3/annotated,3[10]");

            c.send("2/annotated,[\"keys\",{\"b\":1,\"a\":2},\"!\"]");
            assertThat(c.next()).isEqualTo("2/annotated,[\"keys\",[\"a!\",\"b!\"]]");

            c.send("2/annotated,4[\"fail\"]");
            assertThat(c.next()).isEqualTo("3/annotated,4[{\"error\":\"internal server error\"}]");

            // a value that does not bind is answered with the reason, and the connection survives
            c.send("2/annotated,5[\"sum\",\"not a list\"]");
            assertThat(c.next()).isEqualTo("3/annotated,5[{\"error\":\"argument 1: expected an array, got a string\"}]");
            c.send("2/annotated,6[\"sum\",[]]");
            assertThat(c.next()).isEqualTo("3/annotated,6[0]");
            c.send("2/annotated,7[\"sum\",[1,2.5]]");
            assertThat(c.next()).isEqualTo("3/annotated,7[{\"error\":\"argument 1[1]: expected an integer, got a fraction\"}]");
            c.send("2/annotated,8[\"post\",{\"user\":\"ann\",\"text\":5}]");
            assertThat(c.next()).isEqualTo("3/annotated,8[{\"error\":\"text: expected a string, got a number\"}]");
            c.send("2/annotated,9[\"reject\",\"x\"]");
            assertThat(c.next()).isEqualTo("3/annotated,9[{\"error\":\"internal server error\"}]");

            // a CompletionStage is the acknowledgement once complete
            c.send("2/annotated,10[\"later\",\"ok\"]");
            assertThat(c.next()).isEqualTo("3/annotated,10[\"ok later\"]");
            c.send("2/annotated,11[\"later fail\"]");
            assertThat(c.next()).isEqualTo("3/annotated,11[{\"error\":\"internal server error\"}]");
            c.send("2/annotated,12[\"done\"]");
            assertThat(c.next()).isEqualTo("3/annotated,12[]");

            c.send("1/annotated,");
            assertThat(AnnotatedChat.DISCONNECTS.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(RawSocketIo.sid(connect) + " client namespace disconnect");
        }
        io[0].close();
    }

    @Test
    void handlerClassesAreFoundInTheWarWithoutRegistrationCode() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(); RawSocketIo c = RawSocketIo.open(war.port())) {
            assertThat(c.connect("/annotated", null)).startsWith("0/annotated,{\"sid\":\"");
            assertThat(c.next()).isEqualTo("2/annotated,[\"hello\",\"/annotated\"]");
        }
    }
}
